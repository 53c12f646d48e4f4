import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import {
  bearerSecurity,
  errorResponses,
  jsonBody,
  jsonResponse,
  listOf,
  uuidPathParam,
} from '../../../platform/http/schemas.ts';
import type { MailEingangUsecases } from './mail.usecases.ts';

const route = <R extends Parameters<typeof createRoute>[0]>(config: R) =>
  createRoute({ ...config, tags: ['Posteingang'], security: bearerSecurity });

const input = z
  .object({
    adresse: z.string().email().max(320).openapi({ example: 'poststelle@nordhausen.verbund.example' }),
    name: z.string().min(1).max(200),
    aktenplan: z.string().min(1).max(50).optional(),
    oe: z.string().min(1).max(100).optional(),
    absender: z
      .array(z.string().regex(/^([^@\s]+)?@[^@\s]+$/, 'Adresse oder @domain'))
      .max(500)
      .optional(),
  })
  .strict();
const eingang = z
  .object({
    id: z.string().uuid(),
    adresse: z.string(),
    name: z.string(),
    oe: z.string().nullable(),
    akteId: z.string().uuid(),
    absender: z.array(z.string()),
    aktiv: z.boolean(),
  })
  .openapi('MailEingang');
const detail = eingang
  .extend({
    nachrichten: z.array(
      z.object({
        messageId: z.string().nullable(),
        status: z.string(),
        dokumentId: z.string().nullable(),
        zeitpunkt: z.string(),
      }),
    ),
  })
  .openapi('MailEingangMitNachrichten');

/** Intake addresses of the product's SMTP listener (Kreis-Administration). */
export function registerMailEingangRoutes(
  api: ApiRouter,
  { mailEingaenge }: { mailEingaenge: MailEingangUsecases },
) {
  api.openapi(
    route({
      method: 'get',
      path: '/mail-eingaenge',
      summary: 'E-Mail-Eingänge des Landkreises',
      responses: { 200: jsonResponse(listOf(eingang)), ...errorResponses },
    }),
    async (c) => {
      const items = await mailEingaenge.list(requirePrincipal(c));
      return c.json({ items, total: items.length }, 200);
    },
  );
  api.openapi(
    route({
      method: 'post',
      path: '/mail-eingaenge',
      summary: 'E-Mail-Eingang einrichten (Adresse, eigene Akte, zugelassene Absender)',
      request: jsonBody(input),
      responses: { 201: jsonResponse(detail, 'Eingerichtet'), ...errorResponses },
    }),
    async (c) => c.json(await mailEingaenge.create(requirePrincipal(c), c.req.valid('json')), 201),
  );
  api.openapi(
    route({
      method: 'get',
      path: '/mail-eingaenge/{id}',
      summary: 'Ein E-Mail-Eingang mit den letzten 50 Nachrichten',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(detail), ...errorResponses },
    }),
    async (c) => c.json(await mailEingaenge.get(requirePrincipal(c), c.req.valid('param').id), 200),
  );
}
