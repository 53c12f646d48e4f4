import { AppError, badRequest } from '../../../shared/errors.ts';

/** Errors of the OParl API: stable codes, German texts; the routes render them as OParl error objects. */
export const oparlErrors = {
  badParameter: (name: string, expected: string) =>
    badRequest(
      'oparl.bad_parameter',
      `invalid URL parameter ${name}`,
      `Der URL-Parameter „${name}“ ist ungültig: erwartet ${expected}.`,
      { parameter: name },
    ),
  notFound: () =>
    new AppError({
      code: 'oparl.not_found',
      status: 404,
      message: 'no such OParl object',
      messageDe: 'Dieses OParl-Objekt gibt es nicht.',
    }),
  fileUnavailable: () =>
    new AppError({
      code: 'oparl.file_unavailable',
      status: 503,
      message: 'file content not readable',
      messageDe: 'Der Inhalt der Datei ist gerade nicht lesbar. Bitte später erneut versuchen.',
    }),
};
