import { rm } from 'node:fs/promises';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Config } from '../../platform/config.ts';
import { requirePrincipal } from '../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { streamMultipart } from '../../platform/http/multipart.ts';
import type { ApiRouter } from '../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses, listOf } from '../../platform/http/schemas.ts';
import { TRIGGERS } from '../../platform/outbox/outbox.ts';
import { badRequest } from '../../shared/errors.ts';
import { spoolToTempFile, uploadTempDir } from '../blobs/blobs.module.ts';
import type { OzgModule } from '../ozg/ozg.module.ts';
import { VORGANG_STATUS } from '../records/records.models.ts';
import type { RecordsModule } from '../records/records.module.ts';
import type { IntegrationsUsecases } from './integrations.usecases.ts';
import type { XdomeaUsecases } from './xdomea.usecases.ts';

/** What these handlers use, given by the composition root. */
export type IntegrationsDeps = {
  config: Config;
  integrations: IntegrationsUsecases;
  ozg: OzgModule;
  records: RecordsModule;
  xdomea: XdomeaUsecases;
};

const json = <T extends z.ZodTypeAny>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <T extends z.ZodTypeAny>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const idParam = z.object({
  id: z
    .string()
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const principalOf = (c: Context<AppEnv>) => requirePrincipal(c);

export function registerIntegrationsRoutes(api: ApiRouter, deps: IntegrationsDeps) {
  const svc = (_c: Context<AppEnv>) => deps.integrations;
  const tags = ['Fachverfahren-Anbindung'];

  const zipResponse = (c: Context<AppEnv>, result: { zip: Uint8Array; fileName: string }) =>
    c.body(new Uint8Array(result.zip), 200, {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${result.fileName.replace(/[^\w.-]/g, '_')}"`,
      'x-content-type-options': 'nosniff',
    });
  for (const [path, summary, run] of [
    [
      '/akten/{id}/xdomea',
      'Akte als xdomea-3.0.0-Nachricht (Abgabe.0401, ZIP mit XML und Primärdokumenten)',
      'akte',
    ],
    ['/vorgaenge/{id}/xdomea', 'Vorgang als xdomea-3.0.0-Nachricht (Abgabe.0401, ZIP)', 'vorgang'],
  ] as const)
    api.openapi(
      createRoute({
        method: 'get',
        path,
        tags,
        summary,
        security: bearerSecurity,
        request: { params: idParam },
        responses: {
          200: {
            description: 'ZIP',
            content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
          },
          ...errorResponses,
        },
      }),
      async (c) => {
        const xdomea = deps.xdomea;
        const id = c.req.valid('param').id;
        const result =
          run === 'akte'
            ? await xdomea.exportAkte(principalOf(c), id)
            : await xdomea.exportVorgang(principalOf(c), id);
        return zipResponse(c, result) as never;
      },
    );

  api.openAPIRegistry.registerPath({
    method: 'post',
    path: '/import/xdomea',
    tags,
    summary: 'xdomea-Nachricht (3.0.0/3.1.0, Abgabe.0401 oder Aussonderung.0503) als neue Akte übernehmen',
    description:
      'Multipart, Feld `datei`: das ZIP. DTD/XXE, Entitätenexpansion, Pfadangriffe, Zip-Bomben und übergroße Einträge werden abgelehnt (422).',
    security: bearerSecurity,
    request: {
      body: {
        required: true,
        content: {
          'multipart/form-data': { schema: z.object({ datei: z.string().openapi({ format: 'binary' }) }) },
        },
      },
    },
    responses: {
      201: json(
        z.object({
          id: z.string().uuid(),
          aktenzeichen: z.string(),
          vorgaenge: z.number(),
          dokumente: z.number(),
        }),
      ),
      ...errorResponses,
    },
  });
  api.post('/import/xdomea', async (c) => {
    const principal = principalOf(c);
    const services = deps;
    // The upload goes to a temp file as it arrives (the upload limit counted on the way), and from
    // there to the parser process and, document by document, into the blob store: the web process
    // never holds it whole. The file is removed when the import is done or has failed; one left by
    // a crash goes at the next start (runtime.ts).
    let spooled: { tempPath: string; size: number } | undefined;
    try {
      await streamMultipart(c, 'datei', async ({ stream }) => {
        const { tempPath, blob } = await spoolToTempFile(
          stream,
          uploadTempDir(services.config.blobs),
          services.config.uploads.limitBytes,
        );
        spooled = { tempPath, size: blob.size };
      });
      const file = spooled;
      if (!file?.size)
        throw badRequest(
          'upload.no_file',
          'no file',
          'Bitte die xdomea-Nachricht (ZIP) im Feld „datei“ übertragen.',
        );
      return c.json(
        await services.xdomea.importMessage(principal, { path: file.tempPath, size: file.size }),
        201,
      );
    } finally {
      if (spooled) await rm(spooled.tempPath, { force: true });
    }
  });

  api.openapi(
    createRoute({
      method: 'get',
      path: '/fachverfahren',
      tags,
      summary: 'Angemeldete Fachverfahren des Landkreises',
      security: bearerSecurity,
      responses: { 200: json(listOf(z.unknown())), ...errorResponses },
    }),
    async (c) => {
      const items = await svc(c).listFachverfahren(principalOf(c));
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/fachverfahren',
      tags,
      summary: 'Fachverfahren anmelden; das API-Token wird einmal angezeigt (kreis-admin)',
      security: bearerSecurity,
      request: body(
        z.object({
          kennung: z.string().min(2).max(60),
          name: z.string().min(2).max(200),
          hersteller: z.string().max(200).optional(),
          benutzer: z.string().max(100).optional().openapi({ description: 'handelt im Namen dieser Person' }),
          rollen: z.array(z.enum(['sachbearbeitung', 'leitung', 'lesen'])).optional(),
        }),
      ),
      responses: {
        201: json(
          z.object({
            id: z.string(),
            kennung: z.string(),
            name: z.string(),
            token: z.string(),
            tokenId: z.string(),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await svc(c).registerFachverfahren(principalOf(c), c.req.valid('json')), 201),
  );

  const connectorInput = z.object({
    id: z.string().min(2).max(80),
    name: z.string().min(2).max(200),
    ausloeser: z.enum(TRIGGERS),
    filter: z.string().max(80).nullable().optional().openapi({
      description:
        'Leistung (antrag.eingegangen, vorgang.status) oder Aktenplan-Kennzeichen-Präfix (dokument.abgelegt)',
    }),
    nutzlast: z.enum(['json', 'fit-connect', 'xdomea']),
    mapping: z.record(z.string(), z.unknown()).optional().openapi({
      description:
        'Deklarative Abbildung: Blätter "$.pfad.im.ereignis" oder Konstanten; leer = ganzes Ereignis',
    }),
    transport: z.enum(['webhook', 'verzeichnis']),
    maxVersuche: z.number().int().min(1).max(50).optional(),
    beschreibung: z.string().max(2000).optional(),
    owner: z.string().max(40).optional(),
  });

  api.openapi(
    createRoute({
      method: 'get',
      path: '/connectoren',
      tags,
      summary: 'Anbindungen des Verbunds mit der Aktivierung des eigenen Landkreises',
      security: bearerSecurity,
      responses: { 200: json(listOf(z.unknown())), ...errorResponses },
    }),
    async (c) => {
      const items = await svc(c).listConnectors(principalOf(c));
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
      request: body(connectorInput),
      responses: { 201: json(z.unknown()), ...errorResponses },
    }),
    async (c) => c.json(await svc(c).defineConnector(principalOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/connectoren/{id}/aktivierung',
      tags,
      summary: 'Endpunkt/Verzeichnis und Geheimnis des eigenen Landkreises setzen, aktivieren oder pausieren',
      security: bearerSecurity,
      request: {
        params: idParam,
        ...body(
          z.object({
            ziel: z.string().max(2000).nullable().optional(),
            secret: z.string().max(500).nullable().optional(),
            status: z.enum(['active', 'paused']).optional(),
          }),
        ),
      },
      responses: { 200: json(z.unknown()), ...errorResponses },
    }),
    async (c) =>
      c.json(await svc(c).setActivation(principalOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/zustellungen',
      tags,
      summary: 'Zustellungen (Outbox) des Landkreises; status=dead zeigt die unzustellbaren',
      security: bearerSecurity,
      request: {
        query: z.object({
          status: z.enum(['pending', 'delivering', 'delivered', 'dead']).optional(),
          connector: z.string().max(80).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
      },
      responses: { 200: json(listOf(z.unknown())), ...errorResponses },
    }),
    async (c) => c.json(await svc(c).listDeliveries(principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/zustellungen/{id}/erneut',
      tags,
      summary: 'Unzustellbare Zustellung erneut senden (gleicher Idempotenzschlüssel)',
      security: bearerSecurity,
      request: { params: idParam },
      responses: { 200: json(z.unknown()), ...errorResponses },
    }),
    async (c) => c.json(await svc(c).redeliver(principalOf(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/integrationen/monitor',
      tags,
      summary:
        'Integrationsmonitor: je Anbindung zugestellt, wartend, fehlerhaft, tot, Latenzen; mit verbund=true je Anbindung und Landkreis (verbund-admin)',
      security: bearerSecurity,
      request: { query: z.object({ verbund: z.enum(['true', 'false']).optional() }) },
      responses: { 200: json(listOf(z.unknown())), ...errorResponses },
    }),
    async (c) => {
      const items =
        c.req.valid('query').verbund === 'true'
          ? await svc(c).monitorVerbund(principalOf(c))
          : await svc(c).monitor(principalOf(c));
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/vorgaenge/{id}/status',
      tags,
      summary:
        'Status eines Vorgangs setzen (Fachverfahren); kam er als Antrag, gilt der Antragsstatus samt Bescheid-Freigabe für die Bürgerin',
      security: bearerSecurity,
      request: {
        params: idParam,
        ...body(
          z.object({
            status: z.enum(VORGANG_STATUS),
            nachricht: z.string().max(5000).optional(),
            bescheidDokumentId: z.string().uuid().optional(),
          }),
        ),
      },
      responses: { 200: json(z.unknown()), ...errorResponses },
    }),
    async (c) => {
      const principal = principalOf(c);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const services = deps;
      const antragId = await services.ozg.antraege.idForVorgang(principal, id);
      if (antragId) return c.json(await services.ozg.antraege.setStatus(principal, antragId, input), 200);
      return c.json(await services.records.akten.updateVorgang(principal, id, { status: input.status }), 200);
    },
  );
}
