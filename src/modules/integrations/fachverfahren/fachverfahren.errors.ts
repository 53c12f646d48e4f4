import { badRequest, conflict, forbidden } from '../../../shared/errors.ts';
import { KENNUNG_HINT_DE } from '../integrations.models.ts';

/** Error factories of the registered Fachverfahren: stable codes, German texts. */
export const fachverfahrenErrors = {
  registerForbidden: () =>
    forbidden('kreis-admin required', 'Fachverfahren anmelden darf nur die Kreis-Administration.'),
  invalidKennung: () => badRequest('fachverfahren.kennung', 'invalid id', KENNUNG_HINT_DE),
  exists: (kennung: string) =>
    conflict(
      'fachverfahren.exists',
      'already registered',
      `Das Fachverfahren „${kennung}“ ist schon angemeldet.`,
    ),
};
