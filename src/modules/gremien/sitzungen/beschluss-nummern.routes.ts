import { z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { errorResponses, jsonBody, jsonResponse } from '../../../platform/http/schemas.ts';
import { route } from '../gremien.openapi.ts';
import type { BeschlussNummernUsecases } from './beschluss-nummern.usecases.ts';

const schema = z
  .object({
    vorlage: z.string().openapi({ example: '{gremium}/{sitzung:3}-{top:2}/{yy}' }),
    beispiel: z.string().openapi({ example: 'KT/065-03/19' }),
  })
  .openapi('BeschlussNummernvorlage');
const input = z.object({ vorlage: z.string().max(200) }).openapi('BeschlussNummernvorlageEingabe');

/** What these handlers use, given by the composition root. */
export type BeschlussNummernRoutesDeps = { beschlussNummern: BeschlussNummernUsecases };

/** The county's template of Beschluss numbers (staff API). */
export function registerBeschlussNummernRoutes(
  api: ApiRouter,
  { beschlussNummern }: BeschlussNummernRoutesDeps,
) {
  api.openapi(
    route({
      method: 'get',
      path: '/beschluss-nummern',
      summary: 'Vorlage der Beschlussnummern des Landkreises, z. B. {gremium}/{sitzung:3}-{top:2}/{yy}',
      responses: { 200: jsonResponse(schema), ...errorResponses },
    }),
    async (c) => c.json(await beschlussNummern.get(requirePrincipal(c)), 200),
  );

  api.openapi(
    route({
      method: 'put',
      path: '/beschluss-nummern',
      summary:
        'Vorlage der Beschlussnummern setzen (Kreis-Administration): {gremium} {sitzung:N} {top:N} {yy} {yyyy} {seq:N}',
      request: jsonBody(input),
      responses: { 200: jsonResponse(schema), ...errorResponses },
    }),
    async (c) => c.json(await beschlussNummern.set(requirePrincipal(c), c.req.valid('json').vorlage), 200),
  );
}
