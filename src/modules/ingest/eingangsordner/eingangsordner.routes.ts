import { createRoute } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import {
  bearerSecurity,
  errorResponses,
  jsonBody,
  jsonResponse,
  listOf,
  problemSchema,
  uuidPathParam,
} from '../../../platform/http/schemas.ts';
import {
  eingangsordnerChange,
  eingangsordnerDetail,
  eingangsordnerInput,
  eingangsordnerSchema,
} from './eingangsordner.schemas.ts';
import type { EingangsordnerUsecases } from './eingangsordner.usecases.ts';

const route = <R extends Parameters<typeof createRoute>[0]>(config: R) =>
  createRoute({ ...config, tags: ['Posteingang'], security: bearerSecurity });
const unprocessable = {
  description: 'Pfad schon vergeben',
  content: { 'application/problem+json': { schema: problemSchema } },
};
/** A folder as the API shows it (without the county id). */
const shape = <T extends { tenantId: string }>({ tenantId: _tenant, ...rest }: T) => rest;

/** Consume folders per county and OE (Kreis-Administration). */
export function registerEingangsordnerRoutes(
  api: ApiRouter,
  { eingangsordner }: { eingangsordner: EingangsordnerUsecases },
) {
  api.openapi(
    route({
      method: 'get',
      path: '/eingangsordner',
      summary: 'Eingangsordner des Landkreises',
      responses: { 200: jsonResponse(listOf(eingangsordnerSchema)), ...errorResponses },
    }),
    async (c) => {
      const items = (await eingangsordner.list(requirePrincipal(c))).map(shape);
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    route({
      method: 'post',
      path: '/eingangsordner',
      summary: 'Eingangsordner einrichten (mit eigener Akte; Unterordner nach Regeln)',
      request: jsonBody(eingangsordnerInput),
      responses: {
        201: jsonResponse(eingangsordnerDetail, 'Eingerichtet'),
        422: unprocessable,
        ...errorResponses,
      },
    }),
    async (c) => c.json(shape(await eingangsordner.create(requirePrincipal(c), c.req.valid('json'))), 201),
  );

  api.openapi(
    route({
      method: 'get',
      path: '/eingangsordner/{id}',
      summary: 'Ein Eingangsordner mit den letzten 50 übernommenen Dateien',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(eingangsordnerDetail), ...errorResponses },
    }),
    async (c) => c.json(shape(await eingangsordner.get(requirePrincipal(c), c.req.valid('param').id)), 200),
  );

  api.openapi(
    route({
      method: 'patch',
      path: '/eingangsordner/{id}',
      summary: 'Eingangsordner ändern (Name, Regeln, Stabilitätsfenster, aktiv)',
      request: { params: uuidPathParam, ...jsonBody(eingangsordnerChange) },
      responses: { 200: jsonResponse(eingangsordnerDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        shape(await eingangsordner.update(requirePrincipal(c), c.req.valid('param').id, c.req.valid('json'))),
        200,
      ),
  );
}
