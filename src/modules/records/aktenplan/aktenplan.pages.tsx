import type { Hono } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { noFileUploaded } from '../../../platform/http/multipart.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import { AppError } from '../../../shared/errors.ts';
import { decodeText } from '../../../shared/text.ts';
import { formAction, type RecordsPagesDeps, withOk } from '../records.page-kit.ts';
import { readCsvUpload } from './aktenplan-csv.upload.ts';

/** The Aktenplan CSV import of the Kreis-Administration (its form is on the Akten page). */
export function registerAktenplanPages(app: Hono<AppEnv>, { records }: Pick<RecordsPagesDeps, 'records'>) {
  app.post('/akten/aktenplan-import', async (c) => {
    const principal = requirePrincipal(c);
    return formAction(c, '/akten', async () => {
      const file = await readCsvUpload(c);
      if (!file) throw noFileUploaded('datei');
      try {
        const result = await records.aktenplan.importCsv(principal, decodeText(file));
        return withOk('/akten', `Aktenplan übernommen: ${result.added} neu, ${result.updated} geändert.`);
      } catch (error) {
        throw withFirstLines(error);
      }
    });
  });
}

/** The page shows the first five faulty lines after the message (the API lists them all in `errors`). */
function withFirstLines(error: unknown) {
  const appError = toAppError(error);
  const lines = Array.isArray(appError.details)
    ? (appError.details as Array<{ zeile: number; fehler: string }>).slice(0, 5).map((e) => ` ${e.fehler}`)
    : [];
  return new AppError({
    ...appError,
    message: appError.message,
    messageDe: `${appError.messageDe}${lines.join('')}`,
  });
}
