import { AppError, badRequest, notFound, unprocessable } from '../../../shared/errors.ts';

/** Errors of the bulk import, stable codes with German texts. */
export const importErrors = {
  runNotFound: () => notFound('import', 'Der Import'),
  sourceMissing: (dir: string) =>
    unprocessable(
      'import.source_missing',
      `no such directory ${dir}`,
      `Das Verzeichnis „${dir}“ gibt es nicht.`,
    ),
  sourceOutsideRoot: () =>
    badRequest(
      'import.source_outside_root',
      'directory outside the import root of the county',
      'Das Verzeichnis muss im Importordner des Landkreises liegen (relativer Pfad ohne „..“).',
    ),
  manifestInvalid: (errors: string[]) =>
    new AppError({
      code: 'import.manifest_invalid',
      status: 422,
      message: 'manifest.csv is invalid',
      messageDe: `Das Manifest (manifest.csv) ist fehlerhaft: ${errors.slice(0, 10).join(' ')}${errors.length > 10 ? ` (und ${errors.length - 10} weitere)` : ''}`,
      details: errors,
    }),
};
