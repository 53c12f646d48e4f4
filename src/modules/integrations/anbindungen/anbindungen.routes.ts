import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import {
  bearerSecurity,
  errorResponses,
  jsonBody,
  jsonResponse,
  listOf,
} from '../../../platform/http/schemas.ts';
import { idParam, tags } from '../integrations.schemas.ts';
import { activationInput, connectorInput } from './anbindungen.schemas.ts';
import type { AnbindungenUsecases } from './anbindungen.usecases.ts';

/** /connectoren: the Verbund's connectors, their definition and each county's activation. */
export function registerAnbindungenRoutes(api: ApiRouter, usecases: AnbindungenUsecases) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/connectoren',
      tags,
      summary: 'Anbindungen des Verbunds mit der Aktivierung des eigenen Landkreises',
      security: bearerSecurity,
      responses: { 200: jsonResponse(listOf(z.unknown())), ...errorResponses },
    }),
    async (c) => {
      const items = await usecases.listConnectors(requirePrincipal(c));
      return c.json({ items, total: items.length }, 200);
    },
  );

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
