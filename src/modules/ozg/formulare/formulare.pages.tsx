import type { Hono } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import { redirectWithError } from '../../../platform/ui/flash.tsx';
import type { StaffDeps } from '../ozg.deps.ts';
import { readImportUpload } from './import-upload.ts';

/** The FIM import of the staff overview (a form post; the result comes back as the page's flash). */
export function registerFormularePages(app: Hono<AppEnv>, { ozg }: StaffDeps) {
  app.post('/onlinedienste/formulare', async (c) => {
    const principal = requirePrincipal(c);
    try {
      const { fields, files } = await readImportUpload(c);
      const result = await ozg.formulare.importFormular(principal, files, { force: fields.force === 'true' });
      const warn = result.warnungen.length ? `, ${result.warnungen.length} Warnungen` : '';
      return c.redirect(
        `/onlinedienste?ok=${encodeURIComponent(`${result.titel}: Version ${result.version} mit ${result.fields} Feldern importiert${warn}.`)}`,
        303,
      );
    } catch (error) {
      // XSD deviations: the first three messages with their lines go into the flash.
      const appError = toAppError(error);
      const details = (
        appError.details as { validation?: Array<{ line?: number; message: string }> } | undefined
      )?.validation;
      if (details?.length && appError.status < 500)
        return c.redirect(
          `/onlinedienste?fehler=${encodeURIComponent(
            `${appError.messageDe} ${details
              .slice(0, 3)
              .map((d) => `Zeile ${d.line}: ${d.message}`)
              .join(' ')}`,
          )}`,
          303,
        );
      return redirectWithError(c, '/onlinedienste', error);
    }
  });
}
