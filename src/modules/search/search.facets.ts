import type { Principal } from '../../platform/http/principal.ts';

type Vocabulary = readonly [string, ...string[]];

/**
 * What the E-Akte tells search about its filters: the Dokument kinds and Vorgang states with their
 * German labels, and the county's Aktenplan units. Records builds it (search may not import
 * records: records uses search's indexer); the composition root passes it to search's routes and page.
 */
export type SearchFacets = {
  dokumentArten: Vocabulary;
  dokumentArtLabels: Record<string, string>;
  vorgangStatus: Vocabulary;
  vorgangStatusLabels: Record<string, string>;
  aktenplanUnits: (principal: Principal) => Promise<Array<{ kennzeichen: string; titel: string }>>;
};

/** How kinds and states are named (from SearchFacets). */
export type FacetLabels = Pick<SearchFacets, 'dokumentArtLabels' | 'vorgangStatusLabels'>;

/** One value of a facet: what the filter is set to, how it is shown, how many matches have it. */
export type FacetValue = { wert: string; titel: string; anzahl: number };

/**
 * The facet counts beside the hits. `vollstaendig`: the counts are exact (all matches, at most
 * COUNT_LIMIT); otherwise they are lower bounds counted over the first COUNT_LIMIT matches.
 */
export type Facetten = {
  aktenplan: FacetValue[];
  art: FacetValue[];
  jahr: FacetValue[];
  vorgangStatus: FacetValue[];
  vollstaendig: boolean;
};

/** At most this many Aktenplan units are listed (the most frequent). */
export const AKTENPLAN_FACET_LIMIT = 12;

const byCount = (a: FacetValue, b: FacetValue) => b.anzahl - a.anzahl || a.wert.localeCompare(b.wert);

/**
 * The facets of a search from the counted rows: Aktenplan units and states by frequency, kinds
 * likewise, years newest first; kinds and states with their German labels.
 */
export function facettenOf({
  rows,
  vollstaendig,
  labels,
}: {
  rows: Array<{ facette: string; wert: string; titel: string | null; anzahl: number | string }>;
  vollstaendig: boolean;
  labels: FacetLabels;
}): Facetten {
  const of = (facette: string, title: (row: { wert: string; titel: string | null }) => string) =>
    rows
      .filter((r) => r.facette === facette)
      .map((r) => ({ wert: r.wert, titel: title(r), anzahl: Number(r.anzahl) }));
  return {
    aktenplan: of('aktenplan', (r) => r.titel ?? r.wert)
      .sort(byCount)
      .slice(0, AKTENPLAN_FACET_LIMIT),
    art: of('art', (r) => labels.dokumentArtLabels[r.wert] ?? r.wert).sort(byCount),
    jahr: of('jahr', (r) => r.wert).sort((a, b) => b.wert.localeCompare(a.wert)),
    vorgangStatus: of('vorgangStatus', (r) => labels.vorgangStatusLabels[r.wert] ?? r.wert).sort(byCount),
    vollstaendig,
  };
}

/** No matches, no facets. */
export const emptyFacetten = (): Facetten => ({
  aktenplan: [],
  art: [],
  jahr: [],
  vorgangStatus: [],
  vollstaendig: true,
});
