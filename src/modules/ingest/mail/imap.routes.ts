import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import {
  bearerSecurity,
  errorResponses,
  jsonBody,
  jsonResponse,
  uuidPathParam,
} from '../../../platform/http/schemas.ts';
import type { ImapPostfachUsecases } from './imap.usecases.ts';

const route = <R extends Parameters<typeof createRoute>[0]>(config: R) =>
  createRoute({ ...config, tags: ['Posteingang'], security: bearerSecurity });

const input = z
  .object({
    host: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[A-Za-z0-9.:[\]-]+$/, 'Hostname oder IP-Adresse'),
    port: z.number().int().min(1).max(65535).openapi({ example: 993 }),
    tls: z.boolean().default(true),
    benutzer: z.string().min(1).max(320),
    passwort: z.string().min(1).max(1000),
    ordner: z.string().min(1).max(500).default('INBOX'),
    zielOrdner: z.string().min(1).max(500).nullable().default(null),
  })
  .strict();
const status = z
  .object({
    eingangId: z.string().uuid(),
    host: z.string(),
    port: z.number(),
    tls: z.boolean(),
    benutzer: z.string(),
    ordner: z.string(),
    zielOrdner: z.string().nullable(),
    uidvalidity: z.string().nullable(),
    letzteUid: z.number(),
    passwortGesetzt: z.boolean(),
    aktiv: z.boolean(),
    letzterFehler: z.string().nullable(),
    letzterAbruf: z.string().nullable(),
  })
  .openapi('MailImapPostfach');

/** The IMAP mailbox an intake address polls (Kreis-Administration). */
export function registerImapPostfachRoutes(
  api: ApiRouter,
  { imapPostfaecher }: { imapPostfaecher: ImapPostfachUsecases },
) {
  api.openapi(
    route({
      method: 'put',
      path: '/mail-eingaenge/{id}/imap',
      summary: 'IMAP-Postfach des E-Mail-Eingangs setzen (Abruf durch den Worker)',
      request: { params: uuidPathParam, ...jsonBody(input) },
      responses: { 200: jsonResponse(status), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await imapPostfaecher.set(requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  api.openapi(
    route({
      method: 'get',
      path: '/mail-eingaenge/{id}/imap',
      summary: 'IMAP-Postfach des E-Mail-Eingangs mit Stand des Abrufs (ohne Passwort)',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(status), ...errorResponses },
    }),
    async (c) => c.json(await imapPostfaecher.get(requirePrincipal(c), c.req.valid('param').id), 200),
  );
}
