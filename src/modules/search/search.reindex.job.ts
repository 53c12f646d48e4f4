import type { JobGivenUpHandler, JobHandler } from '../../platform/jobs/jobs.ts';
import { enqueueJob } from '../../platform/jobs/jobs.ts';
import { REINDEX_BATCH, REINDEX_JOB, REINDEX_MAX_PASSES } from './search.reindex.models.ts';
import {
  advanceRun,
  countOutdated,
  finishRun,
  loadBatch,
  loadRun,
  nextPass,
  type ReindexedColumns,
  type ReindexRow,
  writeBatch,
} from './search.reindex.repository.ts';

/**
 * The job `search.reindex`: one batch of the county's run per job, in the job's own short
 * transaction (the worker's), which also records the progress and enqueues the next batch – so a
 * crash loses nothing and repeats at most one batch, and there is never more than one job of a
 * county's run. At the end of a pass it counts what is still outdated (documents that were locked
 * when their batch passed, or written meanwhile by a process with an older analyzer) and starts
 * another pass, up to REINDEX_MAX_PASSES; then the run is finished.
 */
export function createReindexJob({
  version,
  analyze,
  batchSize = REINDEX_BATCH,
}: {
  version: number;
  /** The batch's new search columns (search.reindex.task.ts, in the analysis processes). */
  analyze: (rows: ReindexRow[]) => Promise<ReindexedColumns[]>;
  batchSize?: number;
}): [string, JobHandler] {
  const handler: JobHandler = async ({ trx }) => {
    // Locked: a start from the CLI (--alle) waits for this batch instead of crossing it.
    const run = await loadRun(trx, { lock: true });
    if (run?.status !== 'laeuft') return;
    if (run.analyzerVersion > version) {
      // Started by a newer process: leave it to a worker that knows that analyzer.
      await enqueueJob(trx, { kind: REINDEX_JOB, runAt: new Date(Date.now() + 30_000) });
      return;
    }
    // Later passes look only for what is still outdated, also in a run over all documents.
    const mode = run.passes > 1 ? 'veraltet' : run.mode;
    const rows = await loadBatch(trx, { mode, version, cursor: run.cursor, limit: batchSize });
    if (rows.length > 0) {
      // A document that could not be analysed is left out (and counted again at the end of the pass).
      const columns = await analyze(rows);
      await writeBatch(trx, columns);
      const last = rows.at(-1)!;
      await advanceRun(trx, { done: columns.length, cursor: { version: last.search_version, id: last.id } });
      await enqueueJob(trx, { kind: REINDEX_JOB });
      return;
    }
    const left = await countOutdated(trx, version);
    if (left === 0) return finishRun(trx, { status: 'fertig' });
    if (run.passes >= REINDEX_MAX_PASSES)
      return finishRun(trx, {
        status: 'abgebrochen',
        lastError: `${left === 1 ? '1 Dokument' : `${left} Dokumente`} nach ${run.passes} Durchgängen noch veraltet (gesperrt, nicht analysierbar oder von einem älteren Prozess geschrieben)`,
      });
    // A second pass only for what is left, after a moment for the locks that made us skip.
    await nextPass(trx);
    await enqueueJob(trx, { kind: REINDEX_JOB, runAt: new Date(Date.now() + 1000) });
  };
  return [REINDEX_JOB, handler];
}

/** When the queue gives a batch up for good, the run says so (and the next start resumes it). */
export function createReindexGivenUp(): [string, JobGivenUpHandler] {
  const handler: JobGivenUpHandler = async ({ trx, reason }) => {
    await finishRun(trx, { status: 'abgebrochen', lastError: reason });
  };
  return [REINDEX_JOB, handler];
}
