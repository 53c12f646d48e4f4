import { conflict } from '../../../shared/errors.ts';

const STAND: Record<string, string> = { geplant: 'geplant', eingeladen: 'eingeladen', abgesagt: 'abgesagt' };

/** Errors of the generated council documents, stable codes with German texts. */
export const dokumenteErrors = {
  keineNiederschrift: (status: string) =>
    conflict(
      'sitzung.keine_niederschrift',
      `no minutes for a session in state ${status}`,
      `Eine Niederschrift gibt es erst, wenn die Sitzung durchgeführt ist (jetzt: ${STAND[status] ?? status}).`,
    ),
};
