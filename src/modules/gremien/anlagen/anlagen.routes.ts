import type { RouteConfig } from '@hono/zod-openapi';
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
import { type RecordsModule, serveContent } from '../../records/records.module.ts';
import { gremienErrors } from '../gremien.errors.ts';
import { anlagenErrors } from './anlagen.errors.ts';
import type { AnlagenUsecases } from './anlagen.usecases.ts';

/** What these handlers use, given by the composition root. */
export type AnlagenRoutesDeps = { anlagen: AnlagenUsecases; records: Pick<RecordsModule, 'dokumente'> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidParam = (name: string) =>
  z
    .string()
    .uuid()
    .openapi({ param: { name, in: 'path' } });

export const anlageSchema = z
  .object({
    id: z.string().uuid(),
    vorlageId: z.string().uuid(),
    dokumentId: z.string().uuid(),
    titel: z.string(),
    oeffentlich: z.boolean(),
    position: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Anlage');

/** A path only documented here (its handler reads or writes a stream itself). */
const documented = (config: Omit<RouteConfig, 'tags' | 'security'>): RouteConfig => ({
  ...config,
  tags: ['Gremien'],
  security: bearerSecurity,
  responses: { ...config.responses, ...errorResponses },
});

/** `true`/`false` from a form field; empty means not given. */
function flag(value: string | undefined) {
  if (value === undefined || value === '') return null;
  if (value === 'true' || value === 'ja') return true;
  if (value === 'false' || value === 'nein') return false;
  throw anlagenErrors.oeffentlich();
}

function vorlageIdOf(id: string) {
  if (!UUID.test(id)) throw gremienErrors.vorlageNotFound();
  return id;
}

/** Anlagen of a Vorlage: upload into its Akte, list, download (staff API). */
export function registerAnlagenRoutes(api: ApiRouter, { anlagen, records }: AnlagenRoutesDeps) {
  api.openAPIRegistry.registerPath(
    documented({
      method: 'post',
      path: '/vorlagen/{id}/anlagen',
      summary:
        'Anlage hochladen (multipart: „datei“, „titel“, „oeffentlich“); abgelegt in der Akte der Vorlage',
      request: {
        params: z.object({ id: uuidParam('id') }),
        ...multipartFileBody({
          titel: z.string().optional(),
          oeffentlich: z.enum(['true', 'false']).optional(),
        }),
      },
      responses: { 201: jsonResponse(anlageSchema, 'Abgelegt') },
    }),
  );
  api.post('/vorlagen/:id/anlagen', async (c) => {
    const principal = requirePrincipal(c);
    const anlage = await anlagen.upload({
      principal,
      vorlageId: vorlageIdOf(c.req.param('id')),
      receive: async (store) => {
        const { fields, file, fileName } = await streamMultipart(c, 'datei', (f) => store(f.stream));
        if (!file || !fileName) throw noFileUploaded('datei');
        return {
          file: { fileName, blob: file },
          titel: fields.titel || null,
          oeffentlich: flag(fields.oeffentlich),
        };
      },
    });
    return c.json(anlage, 201);
  });

  api.openAPIRegistry.registerPath(
    documented({
      method: 'get',
      path: '/vorlagen/{id}/anlagen',
      summary: 'Anlagen der Vorlage in ihrer Reihenfolge',
      request: { params: z.object({ id: uuidParam('id') }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(anlageSchema) })) },
    }),
  );
  api.get('/vorlagen/:id/anlagen', async (c) =>
    c.json(await anlagen.list(requirePrincipal(c), vorlageIdOf(c.req.param('id'))), 200),
  );

  api.openAPIRegistry.registerPath(
    documented({
      method: 'get',
      path: '/vorlagen/{id}/anlagen/{anlageId}/inhalt',
      summary: 'Inhalt einer Anlage (das Dokument der E-Akte, aktuelle Version oder ?version=n)',
      request: { params: z.object({ id: uuidParam('id'), anlageId: uuidParam('anlageId') }) },
      responses: {
        200: {
          description: 'Der Inhalt',
          content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
        },
      },
    }),
  );
  api.get('/vorlagen/:id/anlagen/:anlageId/inhalt', async (c) => {
    const principal = requirePrincipal(c);
    const anlageId = c.req.param('anlageId');
    if (!UUID.test(anlageId)) throw anlagenErrors.anlageNotFound();
    const anlage = await anlagen.get(principal, { vorlageId: vorlageIdOf(c.req.param('id')), anlageId });
    return serveContent(c, principal, anlage.dokumentId, records);
  });
}
