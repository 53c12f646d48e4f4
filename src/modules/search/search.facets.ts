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
