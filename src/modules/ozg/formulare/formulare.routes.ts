import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses, jsonResponse, listOf } from '../../../platform/http/schemas.ts';
import type { LeistungenUsecases } from '../leistungen/leistungen.usecases.ts';
import { idParam, unprocessableResponse } from '../ozg.schemas.ts';
import { formularVersionQuery, importQuery, importResultSchema } from './formulare.schemas.ts';
import type { FormulareUsecases } from './formulare.usecases.ts';
import { readImportUpload } from './import-upload.ts';

/** What these handlers use, given by the composition root. */
export type FormulareDeps = { leistungen: LeistungenUsecases; formulare: FormulareUsecases };

/** The FIM forms: the form of a service (public), the forms and versions, the XDatenfelder import. */
export function registerFormulareRoutes(api: ApiRouter, { leistungen, formulare }: FormulareDeps) {
  const tags = ['OZG-Leistungen'];

  api.openapi(
    createRoute({
      method: 'get',
      path: '/leistungen/{id}/formular',
      tags,
      summary: 'Aktuelles Formular einer Leistung (Definition aus FIM; öffentlich)',
      request: { params: idParam() },
      responses: { 200: jsonResponse(z.unknown()), 404: errorResponses[404] },
    }),
    async (c) => {
      const leistung = await leistungen.getLeistung(c.req.valid('param').id);
      if (!leistung.formularId) return c.json({ formularId: null, version: null, definition: null }, 200);
      const version = await formulare.getFormularVersion(
        leistung.formularId,
        leistung.formularVersion ?? undefined,
      );
      return c.json(version, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/formulare',
      tags,
      summary: 'Formulare des Verbunds (neueste Version je Formular)',
      security: bearerSecurity,
      responses: { 200: jsonResponse(listOf(z.unknown())), ...errorResponses },
    }),
    async (c) => {
      requirePrincipal(c);
      const items = await formulare.listFormulare();
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
      request: { params: idParam(), query: formularVersionQuery },
      responses: { 200: jsonResponse(z.unknown()), ...errorResponses },
    }),
    async (c) => {
      requirePrincipal(c);
      const { id } = c.req.valid('param');
      return c.json(await formulare.getFormularVersion(id, c.req.valid('query').version), 200);
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
      query: importQuery,
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
      201: jsonResponse(importResultSchema, 'Importiert'),
      ...errorResponses,
      422: unprocessableResponse('Abgelehnt (XSD-Abweichung, Strukturfehler)'),
    },
  });
  api.post('/formulare/import', async (c) => {
    const principal = requirePrincipal(c);
    const { files } = await readImportUpload(c);
    const result = await formulare.importFormular(principal, files, {
      force: c.req.query('force') === 'true',
    });
    return c.json(result, 201);
  });
}
