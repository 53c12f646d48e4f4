import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requirePrincipal } from '../../platform/http/auth.middleware.ts';
import { bodyLimit } from '../../platform/http/body-limit.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { streamMultipart } from '../../platform/http/multipart.ts';
import type { ApiRouter } from '../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses, listOf } from '../../platform/http/schemas.ts';
import { badRequest } from '../../shared/errors.ts';
import { stripBidiControls } from '../../shared/text.ts';
import { AUSSONDERUNG, DOKUMENT_ARTEN, VERTRAULICHKEIT, VORGANG_STATUS } from './records.models.ts';
import type { RecordsModule } from './records.module.ts';

/** What these handlers use, given by the composition root. */
export type RecordsDeps = { records: RecordsModule };

const idParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};
const json = <T extends z.ZodTypeAny>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <T extends z.ZodTypeAny>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const dateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum im Format JJJJ-MM-TT');

const unitSchema = z
  .object({
    id: z.string().uuid(),
    parentId: z.string().uuid().nullable(),
    kennzeichen: z.string().openapi({ example: '00.20' }),
    titel: z.string(),
    aufbewahrungJahre: z.number().int().nullable().openapi({ description: 'null = dauernd' }),
    aussonderung: z.enum(AUSSONDERUNG),
    vertraulichkeit: z.enum(VERTRAULICHKEIT),
    ausVorlage: z.boolean(),
  })
  .openapi('AktenplanEinheit');
const unitInput = z.object({
  kennzeichen: z.string().max(40),
  titel: z.string().min(1).max(300),
  aufbewahrungJahre: z.number().int().min(0).max(200).nullable().default(null),
  aussonderung: z.enum(AUSSONDERUNG),
  vertraulichkeit: z.enum(VERTRAULICHKEIT).default('offen'),
});
const akteSchema = z
  .object({
    id: z.string().uuid(),
    aktenzeichen: z.string().openapi({ example: '00.20-0001/2026' }),
    titel: z.string(),
    status: z.enum(['offen', 'zda']),
    vertraulichkeit: z.enum(VERTRAULICHKEIT),
    aktenplan: z.object({ id: z.string().uuid(), kennzeichen: z.string(), titel: z.string() }),
    federfuehrendeOe: z.object({ id: z.string(), kuerzel: z.string(), name: z.string() }).nullable(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    vorgaenge: z.number().int(),
  })
  .openapi('Akte');
const vorgangSchema = z
  .object({
    id: z.string().uuid(),
    akteId: z.string().uuid(),
    aktenzeichen: z.string(),
    akteTitel: z.string(),
    betreff: z.string(),
    status: z.enum(VORGANG_STATUS),
    eingangsdatum: z.string(),
    frist: z.string().nullable(),
    wiedervorlage: z.string().nullable(),
    zustaendigUserId: z.string().nullable(),
    zustaendigPerson: z.string().nullable(),
    zustaendigOeId: z.string().nullable(),
    zustaendigOe: z.string().nullable(),
    externeReferenz: z.string().nullable(),
    createdAt: z.string(),
    dokumente: z.number().int(),
    akteStatus: z.enum(['offen', 'zda']),
  })
  .openapi('Vorgang');
const metadataField = z.object({
  name: z.string().min(1).max(100),
  typ: z.enum(['text', 'zahl', 'datum', 'ja-nein']),
  wert: z.union([z.string(), z.number(), z.boolean()]),
});
const dokumentSchema = z
  .object({
    id: z.string().uuid(),
    vorgangId: z.string().uuid(),
    akteId: z.string().uuid(),
    aktenzeichen: z.string(),
    betreff: z.string(),
    titel: z.string(),
    art: z.enum(DOKUMENT_ARTEN),
    datum: z.string(),
    absender: z.string().nullable(),
    empfaenger: z.string().nullable(),
    metadaten: z.array(metadataField),
    vertraulichkeit: z.enum(VERTRAULICHKEIT),
    version: z.number().int(),
    sha256: z.string(),
    groesse: z.number().int(),
    mime: z.string(),
    dateiname: z.string(),
    textStatus: z.enum(['pending', 'done', 'failed']),
    textFehler: z.string().nullable(),
    parentDokumentId: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .openapi('Dokument');
const versionSchema = z
  .object({
    version: z.number().int(),
    sha256: z.string(),
    groesse: z.number().int(),
    mime: z.string(),
    dateiname: z.string(),
    kommentar: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    textStatus: z.enum(['pending', 'done', 'failed']),
    textFehler: z.string().nullable(),
    extractor: z.string().nullable(),
    seiten: z.number().int().nullable(),
  })
  .openapi('DokumentVersion');
const searchHit = z
  .object({
    dokumentId: z.string().uuid(),
    titel: z.string(),
    snippet: z.string().openapi({ description: 'HTML-escaped, Treffer in <mark>' }),
    rang: z.number(),
    art: z.string(),
    datum: z.string(),
    mime: z.string(),
    textStatus: z.string(),
    vorgangId: z.string().uuid(),
    betreff: z.string(),
    vorgangStatus: z.string(),
    akteId: z.string().uuid(),
    aktenzeichen: z.string(),
    aktenplan: z.string(),
  })
  .openapi('Suchtreffer');
const uploadResult = z
  .object({
    id: z.string().uuid(),
    sha256: z.string(),
    version: z.number().int(),
    mime: z.string(),
    dateiname: z.string(),
    titel: z.string(),
  })
  .openapi('UploadErgebnis');
const multipartUpload = (extra: Record<string, z.ZodTypeAny>) => ({
  body: {
    required: true,
    content: {
      'multipart/form-data': {
        schema: z.object({
          datei: z.string().openapi({ type: 'string', format: 'binary', description: 'Die Datei' }),
          ...extra,
        }),
      },
    },
  },
});

const principalOf = (c: Context<AppEnv>) => requirePrincipal(c);

function dokumentFields(fields: Record<string, string>) {
  let metadaten: unknown;
  if (fields.metadaten) {
    try {
      metadaten = JSON.parse(fields.metadaten);
    } catch {
      throw badRequest(
        'dokument.metadata',
        'metadaten is not JSON',
        'Das Feld „metadaten“ ist kein gültiges JSON.',
      );
    }
  }
  const art = fields.art || undefined;
  if (art && !(DOKUMENT_ARTEN as readonly string[]).includes(art))
    throw badRequest(
      'dokument.art',
      'art must be eingang, ausgang or intern',
      'Art: Eingang, Ausgang oder intern.',
    );
  const vertraulichkeit = fields.vertraulichkeit || undefined;
  if (vertraulichkeit && !(VERTRAULICHKEIT as readonly string[]).includes(vertraulichkeit))
    throw badRequest(
      'dokument.vertraulichkeit',
      'invalid vertraulichkeit',
      'Vertraulichkeit: offen, intern oder vertraulich.',
    );
  return {
    titel: fields.titel || null,
    art: art as 'eingang' | 'ausgang' | 'intern' | undefined,
    datum: fields.datum || null,
    absender: fields.absender || null,
    empfaenger: fields.empfaenger || null,
    metadaten: metadaten as never,
    vertraulichkeit: vertraulichkeit as 'offen' | undefined,
  };
}

const noFile = () =>
  badRequest(
    'upload.no_file',
    'multipart field "datei" missing',
    'Es wurde keine Datei im Feld „datei“ übertragen.',
  );

/** Uploads a document into a Vorgang: streamed, size-limited, type from content. */
export async function handleDokumentUpload(c: Context<AppEnv>, vorgangId: string, records: RecordsModule) {
  const principal = principalOf(c);
  const target = await records.dokumente.uploadTarget(principal, vorgangId);
  const { fields, file, fileName } = await streamMultipart(c, 'datei', (f) =>
    records.dokumente.blobs.put(f.stream, { maxBytes: records.dokumente.uploadLimitBytes }),
  );
  if (!file || !fileName) throw noFile();
  return records.dokumente.fileUploaded(
    principal,
    { id: target.id, akteId: target.akte_id, context: target },
    { fileName, blob: file },
    dokumentFields(fields),
  );
}

export function registerRecordsRoutes(api: ApiRouter, deps: RecordsDeps) {
  const svc = (_c: Context<AppEnv>) => deps.records;
  const tags = ['E-Akte'];

  api.openapi(
    createRoute({
      method: 'get',
      path: '/aktenplan',
      tags,
      summary: 'Aktenplan des Landkreises',
      security: bearerSecurity,
      responses: { 200: json(listOf(unitSchema)), ...errorResponses },
    }),
    async (c) => {
      const items = await svc(c).aktenplan.listUnits(principalOf(c));
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/aktenplan',
      tags,
      summary: 'Eigene Aktenplaneinheit anlegen (kreis-admin)',
      security: bearerSecurity,
      request: body(unitInput),
      responses: { 201: json(unitSchema, 'Angelegt'), ...errorResponses },
    }),
    async (c) => c.json(await svc(c).aktenplan.addUnit(principalOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/aktenplan/export',
      tags,
      summary: 'Aktenplan als CSV (Semikolon, UTF-8)',
      security: bearerSecurity,
      responses: {
        200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const csv = await svc(c).aktenplan.exportCsv(principalOf(c));
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="aktenplan-${principalOf(c).tenantId}.csv"`,
      });
    },
  );

  api.openAPIRegistry.registerPath({
    method: 'post',
    path: '/aktenplan/import',
    tags,
    summary: 'Aktenplan aus CSV übernehmen (alles oder nichts; kreis-admin)',
    description: `Spalten: kennzeichen;titel;aufbewahrung_jahre;aussonderung;vertraulichkeit. Als Datei im Feld \`datei\` (multipart) oder als text/csv-Inhalt.`,
    security: bearerSecurity,
    request: multipartUpload({}),
    responses: {
      200: json(z.object({ added: z.number().int(), updated: z.number().int() })),
      ...errorResponses,
    },
  });
  // A CSV is no JSON: up to 5 MiB (and the multipart envelope), beyond the default body limit.
  api.post('/aktenplan/import', bodyLimit(5 * 1024 * 1024 + 64 * 1024), async (c) => {
    const principal = principalOf(c);
    let text: string;
    if ((c.req.header('content-type') ?? '').startsWith('multipart/')) {
      const { file } = await streamMultipart(c, 'datei', async (f) => {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of f.stream) {
          size += chunk.length;
          if (size > 5 * 1024 * 1024)
            throw badRequest(
              'aktenplan.csv_too_large',
              'CSV larger than 5 MiB',
              'Die CSV-Datei ist größer als 5 MiB.',
            );
          chunks.push(Buffer.from(chunk));
        }
        return Buffer.concat(chunks);
      });
      if (!file) throw noFile();
      text = decodeText(file);
    } else {
      const buffer = Buffer.from(await c.req.arrayBuffer());
      if (buffer.length > 5 * 1024 * 1024)
        throw badRequest(
          'aktenplan.csv_too_large',
          'CSV larger than 5 MiB',
          'Die CSV-Datei ist größer als 5 MiB.',
        );
      text = decodeText(buffer);
    }
    return c.json(await svc(c).aktenplan.importCsv(principal, text), 200);
  });

  api.openapi(
    createRoute({
      method: 'get',
      path: '/aktenplan/vorlagen',
      tags,
      summary: 'Aktenplan-Vorlagen des Verbunds (mit besitzendem Landkreis)',
      security: bearerSecurity,
      responses: {
        200: json(
          listOf(
            z.object({
              id: z.string(),
              name: z.string(),
              ownerTenantId: z.string().nullable(),
              version: z.number().int(),
              einheiten: z.number().int(),
            }),
          ),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      principalOf(c);
      const items = await svc(c).aktenplan.listTemplates();
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/aktenplan/{id}',
      tags,
      summary: 'Eine Aktenplaneinheit',
      security: bearerSecurity,
      request: { params: idParam },
      responses: { 200: json(unitSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc(c).aktenplan.getUnit(principalOf(c), c.req.valid('param').id), 200),
  );

  const settingsSchema = z.object({ aktenzeichenMuster: z.string(), defaultKennzeichen: z.string() });
  api.openapi(
    createRoute({
      method: 'get',
      path: '/akten-einstellungen',
      tags,
      summary: 'Aktenzeichen-Muster und Standard-Aktenplaneinheit des Landkreises',
      security: bearerSecurity,
      responses: { 200: json(settingsSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc(c).aktenplan.getSettings(principalOf(c).tenantId), 200),
  );
  api.openapi(
    createRoute({
      method: 'put',
      path: '/akten-einstellungen',
      tags,
      summary: 'Aktenzeichen-Muster ({kennzeichen}, {nr:4}, {jahr}, {jahr2}, {kreis}) setzen (kreis-admin)',
      security: bearerSecurity,
      request: body(settingsSchema.partial()),
      responses: { 200: json(settingsSchema), ...errorResponses },
    }),
    async (c) => {
      const principal = principalOf(c);
      await svc(c).aktenplan.updateSettings(principal, c.req.valid('json'));
      return c.json(await svc(c).aktenplan.getSettings(principal.tenantId), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/akten',
      tags,
      summary: 'Akten (seitenweise)',
      security: bearerSecurity,
      request: {
        query: z.object({
          aktenplan: z.string().max(40).optional(),
          status: z.enum(['offen', 'zda']).optional(),
          q: z.string().max(200).optional(),
          ...page,
        }),
      },
      responses: { 200: json(listOf(akteSchema)), ...errorResponses },
    }),
    async (c) => {
      const { limit, offset, ...filter } = c.req.valid('query');
      return c.json(await svc(c).akten.listAkten(principalOf(c), filter, { limit, offset }), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/akten',
      tags,
      summary: 'Akte anlegen; das Aktenzeichen wird vergeben',
      security: bearerSecurity,
      request: body(
        z.object({
          titel: z.string().trim().min(1).max(500),
          aktenplan: z
            .string()
            .max(40)
            .optional()
            .openapi({ description: 'Kennzeichen; Standard: Einstellung' }),
          federfuehrendeOe: z.string().max(60).optional().openapi({ description: 'Kürzel oder ID' }),
          vertraulichkeit: z.enum(VERTRAULICHKEIT).optional(),
        }),
      ),
      responses: {
        201: json(z.object({ id: z.string().uuid(), aktenzeichen: z.string() }), 'Angelegt'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await svc(c).akten.createAkte(principalOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/akten/{id}',
      tags,
      summary: 'Eine Akte',
      security: bearerSecurity,
      request: { params: idParam },
      responses: { 200: json(akteSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc(c).akten.getAkte(principalOf(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/akten/{id}/zda',
      tags,
      summary: 'Akte z.d.A. verfügen (friert sie ein)',
      security: bearerSecurity,
      request: { params: idParam },
      responses: { 200: json(akteSchema), 409: errorResponses[400], ...errorResponses },
    }),
    async (c) =>
      c.json(await svc(c).akten.setAkteStatus(principalOf(c), c.req.valid('param').id, 'zda'), 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/akten/{id}/wiedereroeffnen',
      tags,
      summary: 'z.d.A. verfügte Akte wieder öffnen (nur Leitung; protokolliert)',
      security: bearerSecurity,
      request: { params: idParam, ...body(z.object({ begruendung: z.string().trim().min(3).max(1000) })) },
      responses: { 200: json(akteSchema), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await svc(c).akten.setAkteStatus(
          principalOf(c),
          c.req.valid('param').id,
          'offen',
          c.req.valid('json').begruendung,
        ),
        200,
      ),
  );

  const vorgangInput = z.object({
    betreff: z.string().trim().min(1).max(500),
    eingangsdatum: dateString.optional(),
    frist: dateString.nullable().optional(),
    wiedervorlage: dateString.nullable().optional(),
    zustaendigPerson: z.string().max(100).nullable().optional().openapi({ description: 'Login oder ID' }),
    zustaendigOe: z.string().max(60).nullable().optional().openapi({ description: 'Kürzel oder ID' }),
    externeReferenz: z.string().max(200).nullable().optional(),
  });

  api.openapi(
    createRoute({
      method: 'get',
      path: '/akten/{id}/vorgaenge',
      tags,
      summary: 'Vorgänge einer Akte',
      security: bearerSecurity,
      request: { params: idParam, query: z.object(page) },
      responses: { 200: json(listOf(vorgangSchema)), ...errorResponses },
    }),
    async (c) => {
      const principal = principalOf(c);
      const { id } = c.req.valid('param');
      await svc(c).akten.getAkte(principal, id);
      return c.json(await svc(c).akten.listVorgaenge(principal, { akteId: id }, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/akten/{id}/vorgaenge',
      tags,
      summary: 'Vorgang in einer Akte anlegen',
      security: bearerSecurity,
      request: { params: idParam, ...body(vorgangInput) },
      responses: { 201: json(z.object({ id: z.string().uuid() }), 'Angelegt'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await svc(c).akten.createVorgang(principalOf(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/vorgaenge',
      tags,
      summary: 'Vorgänge finden (nach Aktenzeichen, externer Referenz, Status)',
      security: bearerSecurity,
      request: {
        query: z.object({
          aktenzeichen: z.string().max(100).optional(),
          externeReferenz: z.string().max(200).optional(),
          status: z.enum(VORGANG_STATUS).optional(),
          ...page,
        }),
      },
      responses: { 200: json(listOf(vorgangSchema)), ...errorResponses },
    }),
    async (c) => {
      const { limit, offset, ...filter } = c.req.valid('query');
      return c.json(await svc(c).akten.listVorgaenge(principalOf(c), filter, { limit, offset }), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/vorgaenge/{id}',
      tags,
      summary: 'Ein Vorgang',
      security: bearerSecurity,
      request: { params: idParam },
      responses: { 200: json(vorgangSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc(c).akten.getVorgang(principalOf(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/vorgaenge/{id}',
      tags,
      summary: 'Vorgang ändern (Status, Frist, Wiedervorlage, Zuständigkeit …)',
      security: bearerSecurity,
      request: {
        params: idParam,
        ...body(
          vorgangInput
            .omit({ eingangsdatum: true })
            .partial()
            .extend({ status: z.enum(VORGANG_STATUS).optional() }),
        ),
      },
      responses: { 200: json(vorgangSchema), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await svc(c).akten.updateVorgang(principalOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/vorgaenge/{id}/historie',
      tags,
      summary: 'Verlauf des Vorgangs und seiner Dokumente (aus der Prüfkette)',
      security: bearerSecurity,
      request: { params: idParam },
      responses: {
        200: json(
          listOf(
            z.object({
              seq: z.number().int(),
              zeit: z.string(),
              akteur: z.string(),
              aktion: z.string(),
              objektTyp: z.string(),
              objektId: z.string(),
              daten: z.record(z.string(), z.unknown()),
            }),
          ),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const items = await svc(c).akten.history(principalOf(c), c.req.valid('param').id);
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/vorgaenge/{id}/dokumente',
      tags,
      summary: 'Dokumente eines Vorgangs',
      security: bearerSecurity,
      request: { params: idParam, query: z.object(page) },
      responses: { 200: json(listOf(dokumentSchema)), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await svc(c).dokumente.listForVorgang(principalOf(c), c.req.valid('param').id, c.req.valid('query')),
        200,
      ),
  );

  api.openAPIRegistry.registerPath({
    method: 'post',
    path: '/vorgaenge/{id}/dokumente',
    tags,
    summary: 'Dokument hochladen (multipart, Feld „datei“; Typ wird am Inhalt erkannt)',
    security: bearerSecurity,
    request: {
      params: idParam,
      ...multipartUpload({
        titel: z.string().optional(),
        art: z.enum(DOKUMENT_ARTEN).optional(),
        datum: dateString.optional(),
        absender: z.string().optional(),
        empfaenger: z.string().optional(),
        vertraulichkeit: z.enum(VERTRAULICHKEIT).optional(),
        metadaten: z.string().optional().openapi({ description: 'JSON: [{"name","typ","wert"}]' }),
      }),
    },
    responses: {
      201: json(uploadResult, 'Gespeichert; Textextraktion läuft im Hintergrund'),
      413: errorResponses[400],
      ...errorResponses,
    },
  });
  api.post('/vorgaenge/:id/dokumente', async (c) =>
    c.json(await handleDokumentUpload(c, c.req.param('id'), deps.records), 201),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/dokumente/{id}',
      tags,
      summary: 'Ein Dokument (Metadaten der aktuellen Version)',
      security: bearerSecurity,
      request: { params: idParam },
      responses: { 200: json(dokumentSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc(c).dokumente.get(principalOf(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/dokumente/{id}',
      tags,
      summary: 'Metadaten eines Dokuments ändern',
      security: bearerSecurity,
      request: {
        params: idParam,
        ...body(
          z
            .object({
              titel: z.string().trim().min(1).max(500),
              art: z.enum(DOKUMENT_ARTEN),
              datum: dateString,
              absender: z.string().max(500).nullable(),
              empfaenger: z.string().max(500).nullable(),
              metadaten: z.array(metadataField).max(50),
              vertraulichkeit: z.enum(VERTRAULICHKEIT),
            })
            .partial(),
        ),
      },
      responses: { 200: json(dokumentSchema), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await svc(c).dokumente.update(principalOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/dokumente/{id}/versionen',
      tags,
      summary: 'Alle Versionen eines Dokuments',
      security: bearerSecurity,
      request: { params: idParam },
      responses: { 200: json(listOf(versionSchema)), ...errorResponses },
    }),
    async (c) => {
      const items = await svc(c).dokumente.versions(principalOf(c), c.req.valid('param').id);
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openAPIRegistry.registerPath({
    method: 'post',
    path: '/dokumente/{id}/versionen',
    tags,
    summary: 'Neue Version hochladen (die bisherigen bleiben unverändert)',
    security: bearerSecurity,
    request: { params: idParam, ...multipartUpload({ kommentar: z.string().optional() }) },
    responses: { 201: json(dokumentSchema, 'Neue Version'), ...errorResponses },
  });
  api.post('/dokumente/:id/versionen', async (c) => {
    const principal = principalOf(c);
    const records = svc(c);
    const id = c.req.param('id');
    await records.dokumente.writableDokument(principal, id);
    const { fields, file, fileName } = await streamMultipart(c, 'datei', (f) =>
      records.dokumente.blobs.put(f.stream, { maxBytes: records.dokumente.uploadLimitBytes }),
    );
    if (!file || !fileName) throw noFile();
    return c.json(
      await records.dokumente.addVersion(principal, id, { fileName, blob: file }, fields.kommentar ?? null),
      201,
    );
  });

  api.openAPIRegistry.registerPath({
    method: 'get',
    path: '/dokumente/{id}/inhalt',
    tags,
    summary: 'Inhalt der aktuellen Version (oder ?version=n), Prüfsumme beim Lesen geprüft',
    security: bearerSecurity,
    request: {
      params: idParam,
      query: z.object({
        version: z.coerce.number().int().min(1).optional(),
        anzeige: z.enum(['inline', 'download']).optional(),
      }),
    },
    responses: {
      200: {
        description: 'Der Inhalt',
        content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...errorResponses,
    },
  });
  api.get('/dokumente/:id/inhalt', async (c) => serveContent(c, c.req.param('id'), deps.records));

  api.openapi(
    createRoute({
      method: 'get',
      path: '/dokumente/{id}/text',
      tags,
      summary: 'Extrahierter Text einer Version',
      security: bearerSecurity,
      request: { params: idParam, query: z.object({ version: z.coerce.number().int().min(1).optional() }) },
      responses: {
        200: json(
          z.object({ text: z.string().nullable(), status: z.string(), fehler: z.string().nullable() }),
        ),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await svc(c).dokumente.text(principalOf(c), c.req.valid('param').id, c.req.valid('query').version),
        200,
      ),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/suche',
      tags,
      summary: 'Volltextsuche (deutsch; Präfix*, "Phrase", -Ausschluss, Aktenzeichen/Drucksachen-Nr. exakt)',
      security: bearerSecurity,
      request: {
        query: z.object({
          q: z.string().max(500).default(''),
          aktenplan: z.string().max(40).optional(),
          akteId: z.string().optional(),
          vorgangStatus: z.enum(VORGANG_STATUS).optional(),
          art: z.enum(DOKUMENT_ARTEN).optional(),
          von: dateString.optional(),
          bis: dateString.optional(),
          ...page,
        }),
      },
      responses: {
        200: json(
          listOf(searchHit).extend({
            totalRelation: z
              .enum(['eq', 'gte'])
              .openapi({ description: 'eq: total ist exakt; gte: mindestens total Treffer (ab 10.000)' }),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { limit, offset, ...filter } = c.req.valid('query');
      return c.json(await svc(c).search.search(principalOf(c), filter, { limit, offset }), 200);
    },
  );

  const postkorbDokument = z.object({
    id: z.string().uuid(),
    titel: z.string(),
    art: z.string(),
    datum: z.string(),
    vorgangId: z.string().uuid(),
    betreff: z.string(),
    aktenzeichen: z.string(),
    createdAt: z.string(),
  });
  api.openapi(
    createRoute({
      method: 'get',
      path: '/postkorb',
      tags,
      summary: 'Postkorb: neue Vorgänge und Dokumente, fällige Wiedervorlagen und Fristen',
      security: bearerSecurity,
      request: {
        query: z.object({
          bereich: z.enum(['alle', 'person', 'oe']).default('alle'),
          fristTage: z.coerce.number().int().min(0).max(365).default(7),
        }),
      },
      responses: {
        200: json(
          z.object({
            neueVorgaenge: z.array(vorgangSchema),
            neueDokumente: z.array(postkorbDokument),
            wiedervorlagen: z.array(vorgangSchema),
            fristen: z.array(vorgangSchema),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await svc(c).postkorb.postkorb(principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/postkorb/gesehen',
      tags,
      summary: 'Vorgang oder Dokument als gesehen markieren',
      security: bearerSecurity,
      request: body(z.object({ typ: z.enum(['vorgang', 'dokument']), id: z.string().uuid() })),
      responses: { 204: { description: 'Markiert' }, ...errorResponses },
    }),
    async (c) => {
      const { typ, id } = c.req.valid('json');
      await svc(c).postkorb.markSeen(principalOf(c), typ, id);
      return c.body(null, 204);
    },
  );
}

function decodeText(buffer: Buffer) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

/** Streams one version with its type, a safe file name (RFC 6266) and its hash as ETag. */
export async function serveContent(c: Context<AppEnv>, id: string, records: RecordsModule) {
  const principal = principalOf(c);
  const versionParam = c.req.query('version');
  const version = versionParam === undefined ? undefined : Number(versionParam);
  if (version !== undefined && (!Number.isInteger(version) || version < 1))
    throw badRequest(
      'dokument.version',
      'version must be a positive integer',
      'Die Version muss eine positive Zahl sein.',
    );
  const content = await records.dokumente.content(principal, id, version);
  // Only inert types are shown inline; HTML or SVG would run in our origin, so they are downloads.
  const inlineSafe = /^(application\/pdf|text\/plain|image\/(png|jpeg|gif|tiff))$/.test(content.mime);
  const disposition = c.req.query('anzeige') === 'inline' && inlineSafe ? 'inline' : 'attachment';
  // Names stored before bidirectional controls were removed on upload lose them here.
  const fileName = stripBidiControls(content.dateiname);
  const asciiName = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const type = content.mime.startsWith('text/') ? `${content.mime}; charset=utf-8` : content.mime;
  // PDFs are framed by our own preview page; Chromium's PDF viewer does not run in a sandboxed
  // document, so PDFs get frame-ancestors 'self' without sandbox. Everything else is sandboxed.
  const csp =
    content.mime === 'application/pdf'
      ? "default-src 'none'; frame-ancestors 'self'"
      : "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
  return new Response(content.body, {
    status: 200,
    headers: {
      'content-type': type,
      'content-length': String(content.groesse),
      'content-disposition': `${disposition}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      etag: `"${content.sha256}"`,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'content-security-policy': csp,
      'referrer-policy': 'same-origin',
      'cache-control': 'private, max-age=0',
      'x-dokument-version': String(content.version),
    },
  });
}
