import { badRequest, forbidden, notFound, unprocessable } from '../../../shared/errors.ts';

/** Errors of the Fördermittel, stable codes with German texts. */
export const foerdermittelErrors = {
  bewilligungNotFound: () => notFound('foerderbewilligung', 'Die Bewilligung'),
  ausgabeNotFound: () => notFound('foerderausgabe', 'Die Ausgabe'),
  belegNotFound: () =>
    unprocessable(
      'foerderausgabe.beleg_not_found',
      'receipt document not found in this county',
      'Der Beleg wurde in der E-Akte des Landkreises nicht gefunden (Dokument-ID prüfen).',
    ),
  aktenzeichenVergeben: (aktenzeichen: string) =>
    badRequest(
      'foerderbewilligung.aktenzeichen_taken',
      `Aktenzeichen ${aktenzeichen} exists`,
      `Eine Bewilligung mit dem Aktenzeichen „${aktenzeichen}“ gibt es im Landkreis schon.`,
    ),
  zeitraum: () =>
    badRequest(
      'foerderbewilligung.zeitraum_invalid',
      'period ends before it starts',
      'Der Bewilligungszeitraum endet vor seinem Beginn.',
    ),
  nurAdministration: () =>
    forbidden(
      'verbund-admin or kreis-admin required',
      'Fördermittel erfassen nur das Serviceteam (verbund-admin) und die Kreis-Administration.',
    ),
};
