import { rm } from 'node:fs/promises';
import { z } from '@hono/zod-openapi';
import type { Config } from '../../../platform/config.ts';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import { noFileUploaded, streamMultipart } from '../../../platform/http/multipart.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses, jsonResponse } from '../../../platform/http/schemas.ts';
import { spoolToTempFile, uploadTempDir } from '../../blobs/blobs.module.ts';
import { tags } from '../integrations.schemas.ts';
import type { XdomeaUsecases } from './xdomea.usecases.ts';

const imported = z.object({
  id: z.string().uuid(),
  aktenzeichen: z.string(),
  vorgaenge: z.number(),
  dokumente: z.number(),
});

/** POST /import/xdomea: a foreign message (multipart field `datei`) becomes a new Akte. */
export function registerXdomeaUploadRoute(
  api: ApiRouter,
  { config, xdomea }: { config: Config; xdomea: XdomeaUsecases },
) {
  api.openAPIRegistry.registerPath({
    method: 'post',
    path: '/import/xdomea',
    tags,
    summary: 'xdomea-Nachricht (3.0.0/3.1.0, Abgabe.0401 oder Aussonderung.0503) als neue Akte übernehmen',
    description:
      'Multipart, Feld `datei`: das ZIP. DTD/XXE, Entitätenexpansion, Pfadangriffe, Zip-Bomben und übergroße Einträge werden abgelehnt (422).',
    security: bearerSecurity,
    request: {
      body: {
        required: true,
        content: {
          'multipart/form-data': { schema: z.object({ datei: z.string().openapi({ format: 'binary' }) }) },
        },
      },
    },
    responses: { 201: jsonResponse(imported), ...errorResponses },
  });
  api.post('/import/xdomea', async (c) => {
    const principal = requirePrincipal(c);
    // The upload goes to a temp file as it arrives (the upload limit counted on the way), and from
    // there to the parser process and, document by document, into the blob store: the web process
    // never holds it whole. The file is removed when the import is done or has failed; one left by
    // a crash goes at the next start (runtime.ts).
    let spooled: { tempPath: string; size: number } | undefined;
    try {
      await streamMultipart(c, 'datei', async ({ stream }) => {
        const { tempPath, blob } = await spoolToTempFile(
          stream,
          uploadTempDir(config.blobs),
          config.uploads.limitBytes,
        );
        spooled = { tempPath, size: blob.size };
      });
      const file = spooled;
      if (!file?.size) throw noFileUploaded('datei');
      return c.json(await xdomea.importMessage(principal, { path: file.tempPath, size: file.size }), 201);
    } finally {
      if (spooled) await rm(spooled.tempPath, { force: true });
    }
  });
}
