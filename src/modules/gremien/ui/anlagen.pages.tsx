import type { Hono } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { streamMultipart } from '../../../platform/http/multipart.ts';
import { anlagenErrors } from '../anlagen/anlagen.errors.ts';
import type { GremienModule } from '../gremien.module.ts';
import { formAction, idParam, withOk } from './gremien-ui.kit.tsx';

/**
 * The upload form of the Vorlage page: a plain multipart form post (CSRF token in the query, as
 * every multipart form here), handled by the same use-case as `POST /api/v1/vorlagen/{id}/anlagen`.
 * Refusals (frozen Vorlage, no file, too large, no right) come back as the page's German message.
 */
export function registerAnlagenPages(app: Hono<AppEnv>, { gremien: m }: { gremien: GremienModule }) {
  app.post('/vorlagen/:id/anlagen', async (c) => {
    const principal = requirePrincipal(c);
    const id = idParam(c);
    return formAction(c, `/vorlagen/${id}`, async () => {
      const anlage = await m.anlagen.upload({
        principal,
        vorlageId: id,
        receive: async (store) => {
          const { fields, file, fileName } = await streamMultipart(c, 'datei', (f) => store(f.stream));
          if (!file || !fileName) throw anlagenErrors.keineDatei();
          return {
            file: { fileName, blob: file },
            titel: fields.titel?.trim() || null,
            oeffentlich: fields.oeffentlich === 'ja',
          };
        },
      });
      const note = anlage.oeffentlich ? '' : ' (nichtöffentlich)';
      return withOk(`/vorlagen/${id}`, `Anlage „${anlage.titel}“ hinzugefügt${note}.`, '#anlagen');
    });
  });
}
