import { createRoute } from '@hono/zod-openapi';
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
import { type ConfirmInput, confirmSchema, suggestionsSchema } from './metadaten.schemas.ts';
import { createMetadatenUsecases } from './metadaten.usecases.ts';

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

  const metadaten = createMetadatenUsecases(deps);

  api.openapi(
    route({
      method: 'get',
      path: '/dokumente/{id}/metadaten-vorschlaege',
      summary:
        'Vorschläge aus dem Text (Briefdatum, Daten, Aktenzeichen, Drucksachen-Nr., Beschlüsse, Absender, IBAN, Beträge) mit Fundstelle',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(suggestionsSchema), ...errorResponses },
    }),
    async (c) => c.json(await metadaten.suggestions(requirePrincipal(c), c.req.valid('param').id), 200),
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
      const input: ConfirmInput = c.req.valid('json');
      return c.json(await metadaten.confirm(requirePrincipal(c), c.req.valid('param').id, input), 200);
    },
  );
}
