import { z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { jsonBody, jsonResponse, listOf, pageQuery, uuidPathParam } from '../../../platform/http/schemas.ts';
import { eakteRoute } from '../records.openapi.ts';
import {
  historyEntry,
  vorgaengeQuery,
  vorgangInput,
  vorgangSchema,
  vorgangUpdate,
} from './vorgaenge.schemas.ts';
import type { VorgaengeUsecases } from './vorgaenge.usecases.ts';

/** What these handlers use, given by the composition root. */
export type VorgaengeRoutesDeps = {
  records: { vorgaenge: VorgaengeUsecases };
};

/** Vorgänge: those of an Akte, finding, reading, changing, and their history. */
export function registerVorgaengeRoutes(api: ApiRouter, { records }: VorgaengeRoutesDeps) {
  api.openapi(
    eakteRoute({
      method: 'get',
      path: '/akten/{id}/vorgaenge',
      summary: 'Vorgänge einer Akte',
      request: { params: uuidPathParam, query: z.object(pageQuery) },
      responses: { 200: jsonResponse(listOf(vorgangSchema)) },
    }),
    async (c) =>
      c.json(
        await records.vorgaenge.listVorgaengeOfAkte(
          requirePrincipal(c),
          c.req.valid('param').id,
          c.req.valid('query'),
        ),
        200,
      ),
  );

  api.openapi(
    eakteRoute({
      method: 'post',
      path: '/akten/{id}/vorgaenge',
      summary: 'Vorgang in einer Akte anlegen',
      request: { params: uuidPathParam, ...jsonBody(vorgangInput) },
      responses: { 201: jsonResponse(z.object({ id: z.string().uuid() }), 'Angelegt') },
    }),
    async (c) =>
      c.json(
        await records.vorgaenge.createVorgang(
          requirePrincipal(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        201,
      ),
  );

  api.openapi(
    eakteRoute({
      method: 'get',
      path: '/vorgaenge',
      summary: 'Vorgänge finden (nach Aktenzeichen, externer Referenz, Status)',
      request: { query: vorgaengeQuery },
      responses: { 200: jsonResponse(listOf(vorgangSchema)) },
    }),
    async (c) => {
      const { limit, offset, ...filter } = c.req.valid('query');
      return c.json(
        await records.vorgaenge.listVorgaenge(requirePrincipal(c), filter, { limit, offset }),
        200,
      );
    },
  );

  api.openapi(
    eakteRoute({
      method: 'get',
      path: '/vorgaenge/{id}',
      summary: 'Ein Vorgang',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(vorgangSchema) },
    }),
    async (c) =>
      c.json(await records.vorgaenge.getVorgang(requirePrincipal(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    eakteRoute({
      method: 'patch',
      path: '/vorgaenge/{id}',
      summary: 'Vorgang ändern (Status, Frist, Wiedervorlage, Zuständigkeit …)',
      request: { params: uuidPathParam, ...jsonBody(vorgangUpdate) },
      responses: { 200: jsonResponse(vorgangSchema) },
    }),
    async (c) =>
      c.json(
        await records.vorgaenge.updateVorgang(
          requirePrincipal(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  );

  api.openapi(
    eakteRoute({
      method: 'get',
      path: '/vorgaenge/{id}/historie',
      summary: 'Verlauf des Vorgangs und seiner Dokumente (aus der Prüfkette)',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(listOf(historyEntry)) },
    }),
    async (c) => {
      const items = await records.vorgaenge.history(requirePrincipal(c), c.req.valid('param').id);
      return c.json({ items, total: items.length }, 200);
    },
  );
}
