import { z } from '@hono/zod-openapi';
import { isoDate, listOf, pageQuery } from '../../platform/http/schemas.ts';
import type { SearchFacets } from './search.facets.ts';

export const searchHit = z
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

export const searchResult = listOf(searchHit).extend({
  totalRelation: z
    .enum(['eq', 'gte'])
    .openapi({ description: 'eq: total ist exakt; gte: mindestens total Treffer (ab 10.000)' }),
});

export const searchQuery = (facets: SearchFacets) =>
  z.object({
    q: z.string().max(500).default(''),
    aktenplan: z.string().max(40).optional(),
    akteId: z.string().optional(),
    vorgangStatus: z.enum(facets.vorgangStatus).optional(),
    art: z.enum(facets.dokumentArten).optional(),
    von: isoDate.optional(),
    bis: isoDate.optional(),
    ...pageQuery,
  });
