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

const facetValue = z
  .object({
    wert: z.string().openapi({ description: 'Wert des Filters (Kennzeichen, Art, Jahr, Status)' }),
    titel: z.string(),
    anzahl: z.number().int(),
  })
  .openapi('Facettenwert');

export const searchFacetten = z
  .object({
    aktenplan: z
      .array(facetValue)
      .openapi({ description: 'Aktenplaneinheiten, die häufigsten zuerst (höchstens 12)' }),
    art: z.array(facetValue),
    jahr: z.array(facetValue).openapi({ description: 'Jahr des Dokumentdatums, das neueste zuerst' }),
    vorgangStatus: z.array(facetValue),
    vollstaendig: z.boolean().openapi({
      description:
        'true: Zahlen exakt (alle Treffer); false: mehr als 1.000 Treffer, gezählt über die ersten 1.000 (oder eine Phrase, in einem Teil der Dokumente geprüft) – Mindestwerte („mind.“)',
    }),
  })
  .openapi('Suchfacetten');

export const searchResult = listOf(searchHit).extend({
  totalRelation: z
    .enum(['eq', 'gte'])
    .openapi({ description: 'eq: total ist exakt; gte: mindestens total Treffer (ab 1.000)' }),
  facetten: searchFacetten,
  vorschlag: z
    .object({
      q: z.string().openapi({ description: 'Die Anfrage mit korrigierten Wörtern, z. B. „Widerspruch“' }),
      treffer: z
        .number()
        .int()
        .openapi({ description: 'Treffer der korrigierten Anfrage (höchstens 1.000)' }),
    })
    .optional()
    .openapi('Suchvorschlag', {
      description:
        '„Meinten Sie …?“ – nur bei 0 Treffern: Wörter ohne Treffer, ersetzt durch das ähnlichste Wort aus den Dokumenten des eigenen Landkreises, die die Person sehen darf; nur wenn die korrigierte Anfrage Treffer hat',
    }),
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
