import { badRequest, notFound } from '../../../shared/errors.ts';

/** Errors of the public council pages, stable codes with German texts. */
export const ratsinfoErrors = {
  kreisNotFound: () => notFound('ratsinfo.kreis', 'Der Landkreis'),
  sitzungNotFound: () => notFound('ratsinfo.sitzung', 'Die Sitzung'),
  vorlageNotFound: () => notFound('ratsinfo.vorlage', 'Die Vorlage'),
  gremiumNotFound: () => notFound('ratsinfo.gremium', 'Das Gremium'),
  anlageNotFound: () => notFound('ratsinfo.anlage', 'Die Anlage'),
  badMonth: () =>
    badRequest(
      'ratsinfo.monat_invalid',
      'monat must be YYYY-MM between 1990 and 2200',
      'Der Monat muss als JJJJ-MM angegeben werden (z. B. 2020-06).',
    ),
  badQuery: () =>
    badRequest(
      'ratsinfo.suche_invalid',
      'search query longer than 200 characters',
      'Die Suchanfrage darf höchstens 200 Zeichen lang sein.',
    ),
};
