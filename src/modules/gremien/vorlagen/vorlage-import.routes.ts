import { z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import { noFileUploaded, streamMultipart } from '../../../platform/http/multipart.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import {
  bearerSecurity,
  errorResponses,
  jsonResponse,
  multipartFileBody,
} from '../../../platform/http/schemas.ts';
import { vorlageSchema } from '../gremien.schemas.ts';
import { importErrors } from './vorlage-import.errors.ts';
import { IMPORT_MAX_BYTES, type VorlageImportUsecases } from './vorlage-import.usecases.ts';

const unerkannt = z.object({
  zeile: z.number().int(),
  ueberschrift: z.string().nullable(),
  text: z.string(),
});
const importResult = z
  .object({
    vorlage: z.object({
      koerperschaft: z.string().nullable(),
      art: z.string().nullable(),
      oeffentlich: z.boolean().nullable(),
      drucksachenNr: z.string().nullable(),
      einreicher: z.string().nullable(),
      einreichung: z.string().nullable(),
      beratungsfolge: z.array(
        z.object({
          gremium: z.string(),
          datum: z.string().nullable(),
          top: z.string().nullable(),
          zustaendigkeit: z.string().nullable(),
        }),
      ),
      betreff: z.string().nullable(),
      beschlussvorschlag: z.string().nullable(),
      begruendung: z.string().nullable(),
      unterzeichner: z.string().nullable(),
      anlagen: z.array(z.string()),
      abstimmung: z
        .object({
          ja: z.number().nullable(),
          nein: z.number().nullable(),
          enthaltungen: z.number().nullable(),
        })
        .nullable(),
      fusszeilen: z.array(z.string()),
      unerkannt: z.array(unerkannt),
    }),
    bericht: z.object({
      erkannt: z.array(z.string()),
      fehlend: z.array(z.string()),
      unerkannt: z.array(unerkannt),
      hinweise: z.array(z.string()),
      vollstaendig: z.boolean(),
    }),
    angelegt: vorlageSchema.nullable(),
  })
  .openapi('VorlageImport');

/** What these handlers use, given by the composition root. */
export type VorlageImportRoutesDeps = { vorlagenImport: VorlageImportUsecases };

/** Reads the uploaded file into memory, at most IMPORT_MAX_BYTES (a Vorlage is a few pages). */
async function readLimited(stream: AsyncIterable<Uint8Array>) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > IMPORT_MAX_BYTES) throw importErrors.tooLarge(IMPORT_MAX_BYTES);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** Import of a Beschlussvorlage from text, Markdown or PDF (staff API). */
export function registerVorlageImportRoutes(api: ApiRouter, { vorlagenImport }: VorlageImportRoutesDeps) {
  api.openAPIRegistry.registerPath({
    method: 'post',
    path: '/vorlagen/import',
    tags: ['Gremien'],
    security: bearerSecurity,
    summary:
      'Beschlussvorlage importieren (multipart: „datei“ als Text, Markdown oder PDF mit Textebene; „anlegen“=true legt die Vorlage an)',
    request: multipartFileBody({ anlegen: z.enum(['true', 'false']).optional() }),
    responses: {
      200: jsonResponse(importResult, 'Erkannt (nichts angelegt)'),
      201: jsonResponse(importResult, 'Erkannt und als Vorlage angelegt'),
      ...errorResponses,
    },
  });
  api.post('/vorlagen/import', async (c) => {
    const principal = requirePrincipal(c);
    const { fields, file, fileName } = await streamMultipart(c, 'datei', (f) => readLimited(f.stream));
    if (!file || !fileName) throw noFileUploaded('datei');
    const anlegen = fields.anlegen === 'true';
    const result = await vorlagenImport.importieren({ principal, file: { fileName, bytes: file }, anlegen });
    return c.json(result, anlegen ? 201 : 200);
  });
}
