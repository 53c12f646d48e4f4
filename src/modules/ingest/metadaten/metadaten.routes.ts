import { createRoute } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { MetadataField } from '../../../platform/database/database.types.ts';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import {
  bearerSecurity,
  errorResponses,
  jsonBody,
  jsonResponse,
  uuidPathParam,
} from '../../../platform/http/schemas.ts';
import { badRequest } from '../../../shared/errors.ts';
import { suggestMetadata } from './metadaten.models.ts';
import { type ConfirmInput, confirmSchema, suggestionsSchema } from './metadaten.schemas.ts';

/** What these routes need of the E-Akte (records, handed in by main/): visibility, text, update. */
export type MetadatenDeps = {
  database: DatabaseHandle;
  dokumente: {
    get(
      principal: Principal,
      id: string,
    ): Promise<{ id: string; version: number; metadaten: MetadataField[] }>;
    text(principal: Principal, id: string): Promise<{ text: string | null }>;
    update(
      principal: Principal,
      id: string,
      input: { datum?: string | null; absender?: string | null; metadaten?: MetadataField[] },
    ): Promise<unknown>;
  };
  aktenplan: { getSettings(tenantId: string): Promise<{ aktenzeichenMuster: string }> };
};

/** Suggestions from a document's text (GET) and their confirmation by the user (POST). */
export function registerMetadatenRoutes(api: ApiRouter, deps: MetadatenDeps) {
  const route = <R extends Parameters<typeof createRoute>[0]>(config: R) =>
    createRoute({ ...config, tags: ['Posteingang'], security: bearerSecurity });

  async function suggestions(principal: Principal, id: string) {
    const dokument = await deps.dokumente.get(principal, id);
    const { text } = await deps.dokumente.text(principal, id);
    const { aktenzeichenMuster } = await deps.aktenplan.getSettings(principal.tenantId);
    const rows = await sql<{
      kreisschluessel: string;
    }>`select kreisschluessel from tenants where id = ${principal.tenantId}`.execute(deps.database.db);
    const found = suggestMetadata({
      text: text ?? '',
      aktenzeichenMuster,
      kreisschluessel: rows.rows[0]?.kreisschluessel,
    });
    return { dokumentId: dokument.id, version: dokument.version, ...found };
  }

  api.openapi(
    route({
      method: 'get',
      path: '/dokumente/{id}/metadaten-vorschlaege',
      summary:
        'Vorschläge aus dem Text (Briefdatum, Daten, Aktenzeichen, Drucksachen-Nr., Beschlüsse, Absender, IBAN, Beträge) mit Fundstelle',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(suggestionsSchema), ...errorResponses },
    }),
    async (c) => c.json(await suggestions(requirePrincipal(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    route({
      method: 'post',
      path: '/dokumente/{id}/metadaten-vorschlaege',
      summary:
        'Vorschläge bestätigen: Datum und Absender ins Dokument, weitere Werte als Zusatzfelder (geprüft, protokolliert)',
      request: { params: uuidPathParam, ...jsonBody(confirmSchema) },
      responses: {
        200: jsonResponse(suggestionsSchema.pick({ dokumentId: true, version: true })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const principal = requirePrincipal(c);
      const id = c.req.valid('param').id;
      const input: ConfirmInput = c.req.valid('json');
      const dokument = await deps.dokumente.get(principal, id);
      const added: MetadataField[] = (input.felder ?? []).map((feld) => {
        if (feld.name === 'Datum' && !/^\d{4}-\d{2}-\d{2}$/.test(feld.wert))
          throw badRequest(
            'metadaten.datum',
            'Datum must be yyyy-mm-dd',
            'Ein Datum bitte im Format JJJJ-MM-TT.',
          );
        return { name: feld.name, typ: feld.name === 'Datum' ? 'datum' : 'text', wert: feld.wert };
      });
      // Confirmed values replace earlier ones of the same name; the other fields stay.
      const names = new Set(added.map((field) => field.name));
      const metadaten = [...dokument.metadaten.filter((field) => !names.has(field.name)), ...added];
      await deps.dokumente.update(principal, id, {
        ...(input.datum ? { datum: input.datum } : {}),
        ...(input.absender ? { absender: input.absender } : {}),
        ...(added.length > 0 ? { metadaten } : {}),
      });
      return c.json({ dokumentId: id, version: dokument.version }, 200);
    },
  );
}
