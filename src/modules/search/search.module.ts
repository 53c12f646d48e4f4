import type { DatabaseHandle } from '../../platform/database/database.ts';
import { createSearchUsecases, type DokumentScopeOf } from './search.usecases.ts';

// Transport (rt): the /suche API and page; the filter vocabulary comes from records as SearchFacets.
export {
  ANALYZER_VERSION,
  analyzeWord,
  displayForm,
  tokenize,
  type WordAnalysis,
  warmAnalyzer,
} from './analyzer/german-analyzer.ts';
export { searchVectors } from './analyzer/search-vectors.ts';
export { exactTsqueryOf, termTsquery, tsqueryOf } from './analyzer/tsquery.ts';
export { wordMatcher } from './analyzer/word-matcher.ts';
export type { SearchFacets } from './search.facets.ts';
export type { DokumentScope } from './search.filters.repository.ts';
export type { IndexContext } from './search.indexer.ts';
export { indexTerms, newDokumentIndex, reindexDokument, searchColumnsSet } from './search.indexer.ts';
export type { SearchFilter, SearchHit, SearchTerm } from './search.models.ts';
export { COUNT_LIMIT, extractReferences, fold } from './search.models.ts';
export { registerSearchPages, type SearchPagesDeps } from './search.pages.tsx';
export { parseSearchQuery } from './search.query.ts';
export { REINDEX_JOB, type ReindexProgress, reindexLineDe } from './search.reindex.models.ts';
export { ReindexStatus } from './search.reindex.page.tsx';
export { createSearchReindex, type SearchReindex } from './search.reindex.usecases.ts';
export { registerSearchRoutes, type SearchRoutesDeps } from './search.routes.ts';
export { buildSnippet } from './search.snippets.ts';
export type { DokumentScopeOf } from './search.usecases.ts';
export { addVocabularyOf } from './search.vocabulary.repository.ts';

/**
 * Full-text search over the county's documents. The visibility rule comes from records (the
 * composition root passes it), so search does not import records and records may use the indexer.
 */
export function createSearchModule(deps: { database: DatabaseHandle; dokumentScope: DokumentScopeOf }) {
  return createSearchUsecases(deps);
}

export type SearchModule = ReturnType<typeof createSearchModule>;
