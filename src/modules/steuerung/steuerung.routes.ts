import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import { exportAntwort } from '../../platform/export/antwort.ts';
import { requirePrincipal } from '../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses, jsonResponse } from '../../platform/http/schemas.ts';
import type { Kennzahl } from './ansicht/abschnitte.ts';
import {
  berichtSchema,
  exportQuery,
  jahrQuery,
  kennzahlParam,
  kennzahlSchema,
} from './ansicht/ansicht.schemas.ts';
import type { SteuerungAnsicht } from './ansicht/ansicht.usecases.ts';
import { exportPfade } from './ansicht/export-pfade.ts';

const route = <R extends Omit<RouteConfig, 'tags' | 'security'>>(config: R) =>
  createRoute({ ...config, tags: ['Steuerung'], security: bearerSecurity });

const laufendesJahr = () => new Date().getUTCFullYear();

const alsJson = (k: Kennzahl, jahr: number) => ({
  key: k.key,
  beschreibung: k.beschreibung,
  darstellung: k.darstellung.art,
  leer: k.leer,
  tabelle: k.tabelle,
  export: exportPfade(k.key, jahr),
});

/**
 * The Steuerung figures: every section's tables for the caller (the database decides whether
 * every county's detail or the own county plus Verbund totals), one table, and its CSV/XLSX.
 */
export function registerSteuerungRoutes(api: ApiRouter, { ansicht }: { ansicht: SteuerungAnsicht }) {
  api.openapi(
    route({
      method: 'get',
      path: '/steuerung',
      summary:
        'Alle Kennzahlen der Steuerung eines Jahres (Serviceteam: jeder Landkreis; sonst eigener Landkreis und Verbundsummen)',
      request: { query: jahrQuery },
      responses: { 200: jsonResponse(berichtSchema), ...errorResponses },
    }),
    async (c) => {
      const jahr = c.req.valid('query').jahr ?? laufendesJahr();
      const b = await ansicht.bericht({ principal: requirePrincipal(c), jahr });
      return c.json(
        {
          ...b,
          abschnitte: b.abschnitte.map((a) => ({
            ...a,
            kennzahlen: a.kennzahlen.map((k) => alsJson(k, jahr)),
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    route({
      method: 'get',
      path: '/steuerung/kennzahlen/{key}',
      summary: 'Eine Kennzahlentabelle der Steuerung',
      request: { params: kennzahlParam, query: jahrQuery },
      responses: { 200: jsonResponse(kennzahlSchema), ...errorResponses },
    }),
    async (c) => {
      const jahr = c.req.valid('query').jahr ?? laufendesJahr();
      const k = await ansicht.kennzahl({
        principal: requirePrincipal(c),
        jahr,
        key: c.req.valid('param').key,
      });
      return c.json(alsJson(k, jahr), 200);
    },
  );

  api.openapi(
    route({
      method: 'get',
      path: '/steuerung/kennzahlen/{key}/export',
      summary:
        'Eine Kennzahlentabelle als CSV (UTF-8 mit BOM, Semikolon, Dezimalkomma) oder XLSX (Zahlen als Zahlen)',
      request: { params: kennzahlParam, query: exportQuery },
      responses: {
        200: {
          description: 'Die Datei',
          content: {
            'text/csv': { schema: z.string() },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: z.string().openapi({ format: 'binary' }),
            },
          },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { format, jahr = laufendesJahr() } = c.req.valid('query');
      const k = await ansicht.kennzahl({
        principal: requirePrincipal(c),
        jahr,
        key: c.req.valid('param').key,
      });
      return exportAntwort({ tabelle: k.tabelle, format, dateiname: `steuerung-${k.key}-${jahr}` });
    },
  );
}
