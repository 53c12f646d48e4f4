import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requirePrincipal } from '../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { streamMultipartFiles } from '../../platform/http/multipart.ts';
import type { ApiRouter } from '../../platform/http/openapi.ts';
import { actorOf } from '../../platform/http/principal.ts';
import { bearerSecurity, errorResponses, listOf } from '../../platform/http/schemas.ts';
import { badRequest } from '../../shared/errors.ts';
import { assertCleanJson } from '../../shared/text.ts';
import { ByteStream } from '../../platform/parsers/bounded-wire.ts';
import { IMPORT_LIMIT_BYTES, type ImportFile } from './catalog.usecases.ts';
import type { OzgModule } from './ozg.module.ts';

/** What these handlers use, given by the composition root. */
export type OzgDeps = { ozg: OzgModule };

const json = <T extends z.ZodTypeAny>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
const idParam = () =>
  z.object({
    id: z
      .string()
      .max(100)
      .openapi({ param: { name: 'id', in: 'path' } }),
  });

const leistungSchema = z
  .object({
    id: z.string(),
    leika: z.string().openapi({ example: '99108001001000' }),
    leikaPlatzhalter: z.boolean().openapi({ description: 'LeiKa-Schlüssel noch nicht geprüft' }),
    name: z.string(),
    texte: z.record(z.string(), z.string()),
    reifegrad: z.number().int().min(0).max(7),
    reifegradText: z.string(),
    ownerTenantId: z.string(),
    ownerName: z.string(),
    formularId: z.string().nullable(),
    formularName: z.string().nullable(),
    formularVersion: z.number().int().nullable(),
    formularNeueste: z.number().int().nullable(),
    standard: z.boolean(),
    kennzeichenVorschlag: z.string(),
  })
  .openapi('Leistung');
const warningSchema = z.object({ code: z.string(), message: z.string(), line: z.number().int().optional() });
const importResult = z
  .object({
    id: z.string().uuid(),
    formularId: z.string(),
    version: z.number().int(),
    fimVersion: z.string(),
    xdfVersion: z.string(),
    titel: z.string(),
    fields: z.number().int(),
    groups: z.number().int(),
    regeln: z.array(
      z.object({ id: z.string(), name: z.string(), umgesetzt: z.boolean(), grund: z.string().nullable() }),
    ),
    xsdGueltig: z.boolean(),
    warnungen: z.array(warningSchema),
    importiertAm: z.string(),
  })
  .openapi('FormularImport');
const antragCreated = z
  .object({
    id: z.string().uuid(),
    nummer: z.string(),
    trackingCode: z.string(),
    vorgangId: z.string().uuid(),
    zustaendig: z.object({ id: z.string(), name: z.string() }),
    leistung: z.object({ id: z.string(), name: z.string(), leika: z.string() }),
    eingang: z.string(),
    metadaten: z.unknown().openapi({ description: 'FIT-Connect-Metadaten (Schema v1.0.0)' }),
  })
  .openapi('AntragEingang');
const antragSchema = z
  .object({
    id: z.string().uuid(),
    nummer: z.string(),
    leistung: z.object({ id: z.string(), name: z.string(), leika: z.string() }),
    gemeinde: z.object({ ags: z.string(), name: z.string() }),
    zustaendig: z.object({ id: z.string(), name: z.string() }),
    status: z.string(),
    statusText: z.string(),
    vorgangId: z.string().uuid(),
    akteId: z.string().uuid(),
    quelle: z.string(),
    formular: z.object({ id: z.string(), version: z.number().int() }).nullable(),
    daten: z.record(z.string(), z.unknown()).optional(),
    eingang: z.string(),
    metadaten: z.unknown().optional(),
    anlagen: z.array(z.unknown()),
    nachrichten: z.array(z.unknown()),
  })
  .openapi('Antrag');

const principalOf = (c: Context<AppEnv>) => requirePrincipal(c);

/**
 * Reads the files of a FIM import upload (schema, code lists, ZIP): small by nature, limited to
 * 10 MiB in total while streaming. The chunks are kept as they came and go on to the parser process
 * as a stream (never joined here: the web process does no work per byte). Also used by the staff page.
 */
export async function readImportUpload(c: Context) {
  let total = 0;
  const { fields, files } = await streamMultipartFiles(
    c,
    async ({ stream, fileName }): Promise<ImportFile> => {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of stream) {
        total += chunk.length;
        size += chunk.length;
        if (total > IMPORT_LIMIT_BYTES)
          throw badRequest(
            'fim.too_large',
            'import larger than 10 MiB',
            'Der Import ist größer als 10 MiB und wird abgelehnt.',
          );
        chunks.push(chunk);
      }
      return {
        name: fileName,
        bytes: new ByteStream(
          size,
          (async function* () {
            yield* chunks;
          })(),
        ),
      };
    },
    { maxFiles: 200 },
  );
  if (files.length === 0)
    throw badRequest('upload.no_file', 'no file', 'Es wurde keine Datei im Feld „datei“ übertragen.');
  return { fields, files };
}

export function registerServicesRoutes(api: ApiRouter, deps: OzgDeps) {
  const ozg = (_c: Context<AppEnv>) => deps.ozg;
  const tags = ['OZG-Leistungen'];

  api.openapi(
    createRoute({
      method: 'get',
      path: '/leistungen',
      tags,
      summary: 'Leistungskatalog des Verbunds (öffentlich)',
      request: { query: z.object({ q: z.string().max(200).optional() }) },
      responses: { 200: json(listOf(leistungSchema)) },
    }),
    async (c) => {
      const items = await ozg(c).catalog.listLeistungen({ q: c.req.valid('query').q });
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/leistungen/{id}',
      tags,
      summary: 'Eine Leistung (ID oder LeiKa-Schlüssel; öffentlich)',
      request: { params: idParam() },
      responses: { 200: json(leistungSchema), 404: errorResponses[404] },
    }),
    async (c) => c.json(await ozg(c).catalog.getLeistung(c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/leistungen/{id}/formular',
      tags,
      summary: 'Aktuelles Formular einer Leistung (Definition aus FIM; öffentlich)',
      request: { params: idParam() },
      responses: { 200: json(z.unknown()), 404: errorResponses[404] },
    }),
    async (c) => {
      const catalog = ozg(c).catalog;
      const leistung = await catalog.getLeistung(c.req.valid('param').id);
      if (!leistung.formularId) return c.json({ formularId: null, version: null, definition: null }, 200);
      const version = await catalog.getFormularVersion(
        leistung.formularId,
        leistung.formularVersion ?? undefined,
      );
      return c.json(version, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/gemeinden',
      tags,
      summary: 'Gemeinden nach Name, Postleitzahl oder AGS, mit zuständigem Landkreis (öffentlich)',
      request: { query: z.object({ q: z.string().min(1).max(100) }) },
      responses: { 200: json(listOf(z.unknown())), 400: errorResponses[400] },
    }),
    async (c) => {
      const items = await ozg(c).catalog.findGemeinden(c.req.valid('query').q);
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/aktivierungen',
      tags,
      summary: 'Leistungen des eigenen Landkreises: aktiv, Aktenplaneinheit, zuständige OE',
      security: bearerSecurity,
      responses: { 200: json(listOf(z.unknown())), ...errorResponses },
    }),
    async (c) => {
      const items = await ozg(c).catalog.listAktivierungen(principalOf(c));
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/aktivierungen/{id}',
      tags,
      summary:
        'Leistung im eigenen Landkreis aktivieren/deaktivieren, Aktenplaneinheit und OE festlegen (kreis-admin)',
      security: bearerSecurity,
      request: {
        params: idParam(),
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                aktiv: z.boolean().optional(),
                kennzeichen: z.string().max(40).optional(),
                oe: z.string().max(100).nullable().optional(),
              }),
            },
          },
        },
      },
      responses: { 200: json(z.unknown()), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await ozg(c).catalog.setAktivierung(principalOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/formulare',
      tags,
      summary: 'Formulare des Verbunds (neueste Version je Formular)',
      security: bearerSecurity,
      responses: { 200: json(listOf(z.unknown())), ...errorResponses },
    }),
    async (c) => {
      principalOf(c);
      const items = await ozg(c).catalog.listFormulare();
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/formulare/{id}',
      tags,
      summary: 'Formularversion mit Definition und Importwarnungen (?version=n, sonst neueste)',
      security: bearerSecurity,
      request: {
        params: idParam(),
        query: z.object({ version: z.coerce.number().int().min(1).optional() }),
      },
      responses: { 200: json(z.unknown()), ...errorResponses },
    }),
    async (c) => {
      principalOf(c);
      return c.json(
        await ozg(c).catalog.getFormularVersion(c.req.valid('param').id, c.req.valid('query').version),
        200,
      );
    },
  );

  api.openAPIRegistry.registerPath({
    method: 'post',
    path: '/formulare/import',
    tags,
    summary: 'FIM-XDatenfelder-Schema (2.0/3.0) als neue Formularversion importieren',
    description:
      'Multipart, Feld `datei`: das Schema (XML) und seine genericode-Codelisten als weitere Dateien oder alles als ZIP. Das Schema wird gegen das XSD geprüft; eine abweichende Datei wird mit den Meldungen abgelehnt (422), mit `?force=true` mit den Abweichungen als Warnungen übernommen. DTD/XXE, Entitäten und Dateien über 10 MiB werden immer abgelehnt, ebenso XML, das tiefer als 256 Ebenen verschachtelt ist oder mehr als 1.000.000 Elemente hat (422 `xml.too_deep`, `xml.too_complex`), und ZIP-Einträge, die größer entpacken als angegeben (422 `fim.zip_too_large_unpacked`).',
    security: bearerSecurity,
    request: {
      query: z.object({ force: z.enum(['true', 'false']).optional() }),
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({ datei: z.string().openapi({ type: 'string', format: 'binary' }) }),
          },
        },
      },
    },
    responses: {
      201: json(importResult, 'Importiert'),
      ...errorResponses,
      422: {
        description: 'Abgelehnt (XSD-Abweichung, Strukturfehler)',
        content: { 'application/problem+json': { schema: z.unknown() } },
      },
    },
  });
  api.post('/formulare/import', async (c) => {
    const principal = principalOf(c);
    const { files } = await readImportUpload(c);
    const result = await ozg(c).catalog.importFormular(
      principal,
      files.map((f) => f.result),
      { force: c.req.query('force') === 'true' },
    );
    return c.json(result, 201);
  });

  api.openAPIRegistry.registerPath({
    method: 'post',
    path: '/antraege',
    tags,
    summary: 'Antrag einreichen (für Portale Dritter)',
    description:
      'Multipart: `leistung` (LeiKa-Schlüssel oder ID), `gemeinde` (AGS, bestimmt den zuständigen Landkreis), `daten` (JSON nach dem Formular der Leistung, Schlüssel = FIM-IDs) und Dateien. Eine Datei, deren Feldname ein Dateifeld des Formulars ist (z. B. `G05000499.F05001248`), beantwortet dieses Feld; Dateien im Feld `anlagen` sind weitere Anlagen. Der Antrag wird ganz oder gar nicht gespeichert; 201 erst nach dem Commit.',
    security: bearerSecurity,
    request: {
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({
              leistung: z.string(),
              gemeinde: z.string(),
              daten: z.string().openapi({ description: 'JSON-Objekt' }),
              anlagen: z.string().openapi({ type: 'string', format: 'binary' }).optional(),
            }),
          },
        },
      },
    },
    responses: {
      201: json(antragCreated, 'Eingegangen'),
      ...errorResponses,
      422: {
        description: 'Antrag fehlerhaft (Liste der Fehler in `errors.fehler`) oder Leistung nicht aktiv',
        content: { 'application/problem+json': { schema: z.unknown() } },
      },
    },
  });
  api.post('/antraege', async (c) => {
    const principal = principalOf(c);
    const antraege = ozg(c).antraege;
    const { fields, files } = await streamMultipartFiles(c, ({ stream }) => antraege.storeFile(stream));
    if (!fields.leistung)
      throw badRequest('antrag.leistung', 'leistung missing', 'Das Feld „leistung“ fehlt.');
    if (!fields.gemeinde)
      throw badRequest('antrag.gemeinde', 'gemeinde missing', 'Das Feld „gemeinde“ (AGS) fehlt.');
    let daten: unknown = {};
    if (fields.daten) {
      try {
        daten = JSON.parse(fields.daten);
      } catch {
        throw badRequest('antrag.daten', 'daten is not JSON', 'Das Feld „daten“ ist kein gültiges JSON.');
      }
      // The field itself was checked by the multipart parser; its JSON may still hide "\u0000".
      assertCleanJson(daten, 'daten');
    }
    const result = await antraege.submit({
      leistung: fields.leistung,
      gemeinde: fields.gemeinde,
      daten,
      files: files.map((f) => ({
        field: f.field === 'anlagen' || f.field === 'datei' ? null : f.field,
        fileName: f.fileName,
        blob: f.result.blob,
        sha512: f.result.sha512,
      })),
      quelle: 'api',
      actor: actorOf(principal),
    });
    return c.json(result, 201);
  });

  api.openapi(
    createRoute({
      method: 'get',
      path: '/antraege',
      tags,
      summary: 'Anträge des eigenen Landkreises',
      security: bearerSecurity,
      request: {
        query: z.object({
          status: z.string().max(40).optional(),
          leistung: z.string().max(80).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
      },
      responses: { 200: json(listOf(z.unknown())), ...errorResponses },
    }),
    async (c) => c.json(await ozg(c).antraege.list(principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/antraege/{id}',
      tags,
      summary: 'Ein Antrag (nur für den zuständigen Landkreis; sonst 404)',
      security: bearerSecurity,
      request: { params: idParam() },
      responses: { 200: json(antragSchema), ...errorResponses },
    }),
    async (c) => c.json(await ozg(c).antraege.get(principalOf(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/antraege/{id}/metadaten',
      tags,
      summary: 'FIT-Connect-Metadaten des Antrags (Schema v1.0.0)',
      security: bearerSecurity,
      request: { params: idParam() },
      responses: { 200: json(z.unknown()), ...errorResponses },
    }),
    async (c) => {
      const antrag = await ozg(c).antraege.get(principalOf(c), c.req.valid('param').id);
      return c.json(antrag.metadaten as Record<string, unknown>, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/antraege/{id}/status',
      tags,
      summary: 'Antrag weiterbearbeiten: Status, Nachforderung (mit Nachricht), Bescheid freigeben',
      security: bearerSecurity,
      request: {
        params: idParam(),
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                status: z.enum([
                  'in-bearbeitung',
                  'nachforderung',
                  'ruhend',
                  'beschieden',
                  'abgelehnt',
                  'zurueckgezogen',
                  'abgeschlossen',
                ]),
                nachricht: z.string().max(5000).optional(),
                bescheidDokumentId: z.string().uuid().optional(),
              }),
            },
          },
        },
      },
      responses: { 200: json(antragSchema), ...errorResponses, 409: errorResponses[400] },
    }),
    async (c) =>
      c.json(
        await ozg(c).antraege.setStatus(principalOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
}
