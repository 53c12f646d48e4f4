import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from '../../../platform/http/schemas.ts';
import { registerListRoute } from '../integrations.list-route.ts';
import { idParam, tags } from '../integrations.schemas.ts';
import { fachverfahrenCreated, fachverfahrenInput, vorgangStatusInput } from './fachverfahren.schemas.ts';
import type { FachverfahrenUsecases } from './fachverfahren.usecases.ts';

/** GET/POST /fachverfahren: the county's registered Fachverfahren; registering shows the token once. */
export function registerFachverfahrenRoutes(api: ApiRouter, usecases: FachverfahrenUsecases) {
  registerListRoute(api, {
    path: '/fachverfahren',
    summary: 'Angemeldete Fachverfahren des Landkreises',
    list: (principal) => usecases.listFachverfahren(principal),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/fachverfahren',
      tags,
      summary: 'Fachverfahren anmelden; das API-Token wird einmal angezeigt (kreis-admin)',
      security: bearerSecurity,
      request: jsonBody(fachverfahrenInput),
      responses: { 201: jsonResponse(fachverfahrenCreated), ...errorResponses },
    }),
    async (c) => c.json(await usecases.registerFachverfahren(requirePrincipal(c), c.req.valid('json')), 201),
  );
}

/** POST /vorgaenge/{id}/status: what a Fachverfahren reports back about a Vorgang. */
export function registerVorgangStatusRoute(api: ApiRouter, usecases: FachverfahrenUsecases) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/vorgaenge/{id}/status',
      tags,
      summary:
        'Status eines Vorgangs setzen (Fachverfahren); kam er als Antrag, gilt der Antragsstatus samt Bescheid-Freigabe für die Bürgerin',
      security: bearerSecurity,
      request: { params: idParam, ...jsonBody(vorgangStatusInput) },
      responses: { 200: jsonResponse(z.unknown()), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await usecases.setVorgangStatus(requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
}
