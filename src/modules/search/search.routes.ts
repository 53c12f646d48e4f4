import { createRoute } from '@hono/zod-openapi';
import { requirePrincipal } from '../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses, jsonResponse } from '../../platform/http/schemas.ts';
import type { SearchFacets } from './search.facets.ts';
import type { SearchFilter } from './search.models.ts';
import type { createSearchUsecases } from './search.usecases.ts';

type SearchUsecases = Pick<ReturnType<typeof createSearchUsecases>, 'search'>;

import { searchQuery, searchResult } from './search.schemas.ts';

/** What these handlers use, given by the composition root. */
export type SearchRoutesDeps = { search: SearchUsecases; facets: SearchFacets };

/** The full-text search of the E-Akte. */
export function registerSearchRoutes(api: ApiRouter, { search, facets }: SearchRoutesDeps) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/suche',
      tags: ['E-Akte'],
      summary: 'Volltextsuche (deutsch; Präfix*, "Phrase", -Ausschluss, Aktenzeichen/Drucksachen-Nr. exakt)',
      security: bearerSecurity,
      request: { query: searchQuery(facets) },
      responses: { 200: jsonResponse(searchResult), ...errorResponses },
    }),
    async (c) => {
      const { limit, offset, art, ...filter } = c.req.valid('query');
      const principal = requirePrincipal(c);
      return c.json(
        await search.search(
          principal,
          { ...filter, art: art as SearchFilter['art'] },
          { limit, offset },
          facets,
        ),
        200,
      );
    },
  );
}
