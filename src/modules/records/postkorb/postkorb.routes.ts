import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { jsonBody, jsonResponse } from '../../../platform/http/schemas.ts';
import { eakteRoute } from '../records.openapi.ts';
import { postkorbQuery, postkorbSchema, seenInput } from './postkorb.schemas.ts';
import type { PostkorbUsecases } from './postkorb.usecases.ts';

/** What these handlers use, given by the composition root. */
export type PostkorbRoutesDeps = { records: { postkorb: PostkorbUsecases } };

/** The Postkorb of a person: what is new, what is due; marking things as seen. */
export function registerPostkorbRoutes(api: ApiRouter, { records }: PostkorbRoutesDeps) {
  api.openapi(
    eakteRoute({
      method: 'get',
      path: '/postkorb',
      summary: 'Postkorb: neue Vorgänge und Dokumente, fällige Wiedervorlagen und Fristen',
      request: { query: postkorbQuery },
      responses: { 200: jsonResponse(postkorbSchema) },
    }),
    async (c) => c.json(await records.postkorb.postkorb(requirePrincipal(c), c.req.valid('query')), 200),
  );

  api.openapi(
    eakteRoute({
      method: 'post',
      path: '/postkorb/gesehen',
      summary: 'Vorgang oder Dokument als gesehen markieren',
      request: jsonBody(seenInput),
      responses: { 204: { description: 'Markiert' } },
    }),
    async (c) => {
      const { typ, id } = c.req.valid('json');
      await records.postkorb.markSeen(requirePrincipal(c), typ, id);
      return c.body(null, 204);
    },
  );
}
