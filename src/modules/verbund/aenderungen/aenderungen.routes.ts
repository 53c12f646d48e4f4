import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses, listOf } from '../../../platform/http/schemas.ts';
import {
  aenderungCreate,
  aenderungCreated,
  aenderungSchema,
  bekanntmachungBody,
  genehmigungBody,
  unterschriftBody,
  vorlagenAngelegt,
} from './aenderungen.schemas.ts';
import type { AenderungenUsecases } from './aenderungen.usecases.ts';

const idParam = z.object({ id: z.string().uuid() });
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <T extends z.ZodTypeAny>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

/** The amendment process over the API: Verbund level, readable by every member. */
export function registerAenderungenRoutes(api: ApiRouter, deps: { aenderungen: AenderungenUsecases }) {
  const base = { tags: ['Verbund'], security: bearerSecurity };
  api.openapi(
    createRoute({
      ...base,
      method: 'get',
      path: '/verbund/aenderungen',
      summary: 'Änderungen der Zweckvereinbarung mit dem Stand jedes Landkreises',
      responses: { 200: json(listOf(aenderungSchema), 'Änderungen, neueste zuerst'), ...errorResponses },
    }),
    async (c) => {
      requirePrincipal(c);
      const items = await deps.aenderungen.listAenderungen();
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      ...base,
      method: 'post',
      path: '/verbund/aenderungen',
      summary: 'Änderung anlegen und jedem Kreistag als Vorlage vorlegen (verbund-admin)',
      request: body(aenderungCreate),
      responses: {
        201: json(aenderungCreated, 'Angelegt, Vorlagen in den Landkreisen angelegt'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const result = await deps.aenderungen.createAenderung(requirePrincipal(c), c.req.valid('json'));
      return c.json(result, 201);
    },
  );

  api.openapi(
    createRoute({
      ...base,
      method: 'get',
      path: '/verbund/aenderungen/{id}',
      summary: 'Eine Änderung mit dem Stand jedes Landkreises',
      request: { params: idParam },
      responses: { 200: json(aenderungSchema, 'Die Änderung'), ...errorResponses },
    }),
    async (c) => {
      requirePrincipal(c);
      return c.json(await deps.aenderungen.getAenderung(c.req.valid('param').id), 200);
    },
  );

  api.openapi(
    createRoute({
      ...base,
      method: 'post',
      path: '/verbund/aenderungen/{id}/vorlagen',
      summary: 'Fehlende Vorlagen in den Landkreisen anlegen (verbund-admin)',
      request: { params: idParam },
      responses: { 200: json(vorlagenAngelegt, 'Die Änderung und wo es scheiterte'), ...errorResponses },
    }),
    async (c) =>
      c.json(await deps.aenderungen.vorlagenAnlegen(requirePrincipal(c), c.req.valid('param').id), 200),
  );

  // The Aufsichtsbehörde's acts: the same route shape, one use-case each.
  const act = <P extends string, S extends z.ZodTypeAny>(path: P, summary: string, schema: S) =>
    createRoute({
      ...base,
      method: 'put',
      path,
      summary,
      request: { params: idParam, ...body(schema) },
      responses: { 200: json(aenderungSchema, 'Die Änderung'), ...errorResponses },
    });
  api.openapi(
    act(
      '/verbund/aenderungen/{id}/genehmigung',
      'Genehmigung der Aufsichtsbehörde erfassen (verbund-admin)',
      genehmigungBody,
    ),
    async (c) => {
      const input = {
        principal: requirePrincipal(c),
        id: c.req.valid('param').id,
        body: c.req.valid('json'),
      };
      return c.json(await deps.aenderungen.recordGenehmigung(input.principal, input.id, input.body), 200);
    },
  );
  api.openapi(
    act(
      '/verbund/aenderungen/{id}/bekanntmachung',
      'Bekanntmachung der Aufsichtsbehörde erfassen (verbund-admin)',
      bekanntmachungBody,
    ),
    async (c) => {
      const input = {
        principal: requirePrincipal(c),
        id: c.req.valid('param').id,
        body: c.req.valid('json'),
      };
      return c.json(await deps.aenderungen.recordBekanntmachung(input.principal, input.id, input.body), 200);
    },
  );

  api.openapi(
    createRoute({
      ...base,
      method: 'put',
      path: '/verbund/aenderungen/{id}/unterschriften/{landkreisId}',
      summary: 'Unterschrift eines Landkreises erfassen (verbund-admin oder die eigene Kreis-Administration)',
      request: { params: idParam.extend({ landkreisId: z.string().max(40) }), ...body(unterschriftBody) },
      responses: { 200: json(aenderungSchema, 'Die Änderung'), ...errorResponses },
    }),
    async (c) => {
      const { id, landkreisId } = c.req.valid('param');
      return c.json(
        await deps.aenderungen.recordUnterschrift(requirePrincipal(c), id, landkreisId, c.req.valid('json')),
        200,
      );
    },
  );
}
