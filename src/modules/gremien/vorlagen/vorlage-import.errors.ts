import { AppError, badRequest, unprocessable } from '../../../shared/errors.ts';

/** Errors of the Vorlage import, stable codes with German texts. */
export const importErrors = {
  tooLarge: (max: number) =>
    new AppError({
      code: 'vorlage_import.too_large',
      status: 413,
      message: `import file larger than ${max} bytes`,
      messageDe: `Die Datei ist zu groß für den Import (höchstens ${Math.round(max / 1024 / 1024)} MB).`,
    }),
  notText: () =>
    new AppError({
      code: 'vorlage_import.unsupported',
      status: 415,
      message: 'neither PDF nor UTF-8 text',
      messageDe: 'Importiert werden Text, Markdown (UTF-8) oder PDF mit Textebene.',
    }),
  unreadable: (reason: string) =>
    unprocessable(
      'vorlage_import.unreadable',
      'PDF text could not be read',
      `Die PDF-Datei ist nicht lesbar: ${reason}`,
    ),
  noTextLayer: () =>
    unprocessable(
      'vorlage_import.no_text',
      'PDF without text layer',
      'Die PDF-Datei hat keine Textebene; bitte eine PDF mit Text oder den Text selbst importieren.',
    ),
  empty: () => badRequest('vorlage_import.empty', 'empty file', 'Die Datei enthält keinen Text.'),
  noBetreff: () =>
    unprocessable(
      'vorlage_import.no_betreff',
      'no Betreff found',
      'Im Text wurde kein Betreff erkannt; ohne Betreff wird keine Vorlage angelegt.',
    ),
  tooLong: (field: string, max: number) =>
    unprocessable(
      'vorlage_import.too_long',
      `${field} longer than ${max}`,
      `Das Feld „${field}“ ist länger als ${max.toLocaleString('de-DE')} Zeichen.`,
    ),
};
