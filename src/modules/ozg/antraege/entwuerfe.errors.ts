import { notFound } from '../../../shared/errors.ts';

/** Errors of the portal's Anträge in progress (drafts). */
export const entwurfErrors = {
  notFound: () => notFound('entwurf', 'Der Antrag in Bearbeitung'),
  gone: () =>
    notFound('entwurf', 'Der Antrag in Bearbeitung (er ist abgelaufen oder wurde schon abgeschickt)'),
  seiteNotFound: () => notFound('seite', 'Die Seite'),
};
