import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from '../../../platform/http/schemas.ts';
import { registerListRoute } from '../integrations.list-route.ts';
import { idParam, tags } from '../integrations.schemas.ts';
import { activationInput, connectorInput } from './anbindungen.schemas.ts';
import type { AnbindungenUsecases } from './anbindungen.usecases.ts';

/** /connectoren: the Verbund's connectors, their definition and each county's activation. */
export function registerAnbindungenRoutes(api: ApiRouter, usecases: AnbindungenUsecases) {
  registerListRoute(api, {
    path: '/connectoren',
    summary: 'Anbindungen des Verbunds mit der Aktivierung des eigenen Landkreises',
    list: (principal) => usecases.listConnectors(principal),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/connectoren',
      tags,
      summary: 'Anbindung auf Verbund-Ebene definieren (Eigentümer: der analysierende Landkreis)',
      security: bearerSecurity,
      request: jsonBody(connectorInput),
      responses: { 201: jsonResponse(z.unknown()), ...errorResponses },
    }),
    async (c) => c.json(await usecases.defineConnector(requirePrincipal(c), c.req.valid('json')), 201),
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/connectoren/{id}/aktivierung',
      tags,
      summary: 'Endpunkt/Verzeichnis und Geheimnis des eigenen Landkreises setzen, aktivieren oder pausieren',
      security: bearerSecurity,
      request: { params: idParam, ...jsonBody(activationInput) },
      responses: { 200: jsonResponse(z.unknown()), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await usecases.setActivation(requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
}
