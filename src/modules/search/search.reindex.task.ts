import { indexTerms } from './search.indexer.ts';
import type { ReindexedColumns, ReindexRow } from './search.reindex.repository.ts';

// Runs in the reindex's analysis processes (platform/parsers/bounded-pool.ts), off the event loop
// of the process that runs the job: a batch of 400 documents of 5,000 characters is some 1.5 s of
// analysis, which would otherwise hold up every request of a web process that also runs jobs.

/**
 * A document's search columns as the current analyzer computes them from its metadata and current
 * text – what the indexer writes when a document is filed or changed (indexTerms), for a chunk of
 * a batch.
 */
export function reindexColumns(row: ReindexRow): ReindexedColumns {
  const { refs, search, head } = indexTerms(row, row.text);
  return { id: row.id, search, head, refs };
}

export function analyzeTask(input: { rows: ReindexRow[] }): ReindexedColumns[] {
  return input.rows.map(reindexColumns);
}
