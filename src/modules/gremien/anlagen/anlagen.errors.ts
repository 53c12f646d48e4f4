import { badRequest, conflict, notFound } from '../../../shared/errors.ts';

/** Errors of a Vorlage's Anlagen, stable codes with German texts. */
export const anlagenErrors = {
  anlageNotFound: () => notFound('anlage', 'Die Anlage'),
  frozen: (status: string) =>
    conflict(
      'vorlage.anlagen_frozen',
      `the Anlagen of a Vorlage in state ${status} are frozen`,
      status === 'veroeffentlicht'
        ? 'Die Anlagen einer veröffentlichten Vorlage sind eingefroren.'
        : 'Die Anlagen einer zurückgezogenen Vorlage sind eingefroren.',
    ),
  titel: () =>
    badRequest(
      'anlage.titel',
      'titel must have 1 to 500 characters',
      'Der Titel der Anlage muss 1 bis 500 Zeichen lang sein.',
    ),
  keineDatei: () =>
    badRequest('anlage.keine_datei', 'no file chosen', 'Bitte wählen Sie eine Datei für die Anlage aus.'),
  oeffentlich: () =>
    badRequest(
      'anlage.oeffentlich',
      'oeffentlich must be true or false',
      'Das Feld „oeffentlich“ muss „true“ oder „false“ sein.',
    ),
};
