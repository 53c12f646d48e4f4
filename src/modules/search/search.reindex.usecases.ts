import { availableParallelism } from 'node:os';
import type { DatabaseHandle, TenantTrx } from '../../platform/database/database.ts';
import { enqueueJob } from '../../platform/jobs/jobs.ts';
import type { Logger } from '../../platform/logger.ts';
import { createBoundedPool } from '../../platform/parsers/bounded-pool.ts';
import { ANALYZER_VERSION } from './analyzer/german-analyzer.ts';
import { createReindexGivenUp, createReindexJob } from './search.reindex.job.ts';
import { REINDEX_JOB, type ReindexProgress, reindexProgress } from './search.reindex.models.ts';
import {
  anyOutdated,
  countDocuments,
  countOutdated,
  hasLiveJob,
  loadOverview,
  loadRun,
  lockStarts,
  type ReindexedColumns,
  type ReindexRow,
  resumeRun,
  saveNewRun,
} from './search.reindex.repository.ts';

/**
 * Reindexing after an analyzer change, per county, in the background: documents whose
 * `search_version` is below the analyzer's version are re-analysed batch by batch by the job
 * `search.reindex` (search.reindex.job.ts) while search and filing go on. Started by every web
 * process at its start (startWhereOutdated) and by `verbund suche reindex`.
 */
export function createSearchReindex({
  database,
  logger,
  batchSize,
}: {
  database: DatabaseHandle;
  logger: Logger;
  /** Documents per job (REINDEX_BATCH); tests take small batches to watch a run go. */
  batchSize?: number;
}) {
  // The indexer records this version with every write (searchColumnsSet).
  const version = ANALYZER_VERSION;
  // Analysis in child processes at low priority (one per core, started when a batch comes, ended
  // after a minute without one): the event loop of a web process that also runs jobs stays free,
  // and searches and PostgreSQL come first on a busy CPU.
  const processes = Math.max(1, availableParallelism());
  const analyzers = createBoundedPool({
    module: new URL('./search.reindex.task.ts', import.meta.url),
    task: 'analyzeTask',
    size: processes,
    heapMb: 512,
    timeoutMs: 120_000,
    idleMs: 60_000,
  });
  const analyzeChunk = (rows: ReindexRow[]) => analyzers.run<ReindexedColumns[]>(async () => ({ rows }));
  /**
   * The batch's new columns, its chunks analysed side by side. A chunk that fails is tried
   * document by document: one document the analyzer cannot handle stays outdated (the run counts
   * it at the end, tries it again in the next pass and then says so) instead of stopping the
   * county's reindex at its batch for ever. Should the analysis processes fail altogether, the run
   * ends the same way, with the number of documents left, and the next start tries again.
   */
  async function analyze(rows: ReindexRow[]) {
    const size = Math.ceil(rows.length / processes);
    const chunks = Array.from({ length: Math.ceil(rows.length / size) }, (_, i) =>
      rows.slice(i * size, (i + 1) * size),
    );
    const results = await Promise.all(
      chunks.map((chunk) =>
        analyzeChunk(chunk).catch(async () => {
          const single = await Promise.all(
            chunk.map((row) =>
              analyzeChunk([row]).catch((error) => {
                logger.warn({ err: error, dokument: row.id }, 'search reindex: document not analysed');
                return [];
              }),
            ),
          );
          return single.flat();
        }),
      ),
    );
    return results.flat();
  }
  async function progressIn(trx: TenantTrx): Promise<ReindexProgress> {
    const run = await loadRun(trx);
    // While a run goes, its own figures; otherwise a count along the index (empty when current).
    const outdated =
      run?.status === 'laeuft' ? Math.max(run.planned - run.done, 0) : await countOutdated(trx, version);
    return reindexProgress({ run, outdated, analyzerVersion: version });
  }

  /**
   * Starts the county's reindex unless one is running: of the outdated documents, or with `all`
   * of every document (for a changed lexicon; the run walks all documents instead of marking them
   * outdated first, which would rewrite every row twice). Idempotent: one run and one job per
   * county; `all` while a run of the outdated ones goes turns that run into one over all.
   */
  async function start({ tenantId, all = false }: { tenantId: string; all?: boolean }) {
    return database.withTenant(tenantId, async (trx) => {
      await lockStarts(trx);
      const run = await loadRun(trx);
      // A job may outlive its run (the delayed one of a pass that found nothing left): it takes
      // up the next run, so a second one is never queued beside it.
      const jobQueued = await hasLiveJob(trx);
      const live = run?.status === 'laeuft' && jobQueued;
      const current = run?.analyzerVersion === version;
      let started = false;
      if (live && current && (!all || run.mode === 'alle')) {
        // Already on its way.
      } else if (run?.status === 'laeuft' && !live && current && !all) {
        // Its job was given up without a word (or removed): go on where it stopped.
        await resumeRun(trx);
        await enqueueJob(trx, { kind: REINDEX_JOB });
        started = true;
      } else if (all || (await anyOutdated(trx, version))) {
        const counts = await countDocuments(trx, version);
        await saveNewRun(trx, {
          analyzerVersion: version,
          mode: all ? 'alle' : 'veraltet',
          total: counts.total,
          planned: all ? counts.total : counts.outdated,
        });
        // A live job picks the new run up with its next batch.
        if (!jobQueued) await enqueueJob(trx, { kind: REINDEX_JOB });
        started = true;
      }
      return { started, progress: await progressIn(trx) };
    });
  }

  return {
    job: createReindexJob({ version, analyze, batchSize }),
    givenUp: createReindexGivenUp(),
    start,
    /** The county's reindex progress (admin page, CLI). */
    progress: (tenantId: string) => database.withTenant(tenantId, progressIn),
    /**
     * At the start of a web process, after the migrations: a run for every county with outdated
     * documents. One index probe per county when nothing is outdated; a failure is logged, never
     * stops the start (search works with the older index meanwhile).
     */
    async startWhereOutdated() {
      const started: string[] = [];
      const tenants = await database.db
        .selectFrom('tenants')
        .select('id')
        .orderBy('id')
        .execute()
        .catch((error) => {
          logger.error({ err: error }, 'search reindex: counties could not be listed');
          return [];
        });
      for (const { id } of tenants) {
        try {
          const result = await start({ tenantId: id });
          if (result.started) {
            started.push(id);
            logger.info({ tenant: id, planned: result.progress.planned, version }, 'search reindex started');
          }
        } catch (error) {
          logger.error({ err: error, tenant: id }, 'search reindex could not be started');
        }
      }
      return { started };
    },
    /** Over the whole Verbund, for /health: counties reindexing and documents they have left. */
    overview: () => loadOverview(database.db),
    close: () => analyzers.close(),
  };
}

export type SearchReindex = ReturnType<typeof createSearchReindex>;
