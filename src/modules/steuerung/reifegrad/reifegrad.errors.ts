import { forbidden, notFound } from '../../../shared/errors.ts';

/** Errors of the OZG Reifegrad, stable codes with German texts. */
export const reifegradErrors = {
  leistungNotFound: () => notFound('reifegrad_leistung', 'Die Leistung'),
  nurAdministration: () =>
    forbidden(
      'verbund-admin or kreis-admin required',
      'Den Reifegrad erfassen nur das Serviceteam (verbund-admin) und die Kreis-Administration.',
    ),
};
