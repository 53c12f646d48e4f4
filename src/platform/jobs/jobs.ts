import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../database/database.ts';
import type { Logger } from '../logger.ts';
import { createWorkerHeartbeat, HOST } from './job-workers.ts';
import type { BatchJobHandler, ClaimedJob, JobGivenUpHandler, JobHandler } from './jobs.types.ts';
import { createPollLoop, doublingBackoff } from './poll-loop.ts';

export { enqueueJob, finishJobs } from './enqueue.ts';
export type { BatchJobHandler, ClaimedJob, JobGivenUpHandler, JobHandler } from './jobs.types.ts';

/** A job whose run was lost this often (worker died, or its lease ran out) is not run again. */
export const MAX_CRASHES = 2;
export const CRASHED_REASON = 'Verarbeitung zweimal abgebrochen (Prozess beendet oder Zeitlimit)';
const attemptsReason = (errors: number) => `Verarbeitung nach ${errors} Fehlversuchen aufgegeben`;

class LeaseLost extends Error {}

type ClaimedRow = {
  tenant_id: string;
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  crashes: number;
};

/** Exponential backoff with full jitter: up to 2^attempt seconds, at most one hour. */
export const backoffMs = (attempt: number) =>
  Math.round(Math.random() * Math.min(3600_000, 1000 * 2 ** attempt));

/**
 * A worker loop: claims due jobs of the registered kinds across tenants (claim_jobs uses
 * FOR UPDATE SKIP LOCKED, so any number of workers can run), runs each in its tenant's
 * transaction, retries with backoff, and marks a job dead after max_attempts errors. It claims up
 * to `batch` jobs at a time (16: a batch handler then writes 16 extractions in one statement).
 *
 * Leases: every claimed job names this worker, and the worker beats a heartbeat (job_workers)
 * every `heartbeatMs` while it runs or works. A job whose worker has not beaten for `staleSeconds`
 * is claimed again by any other worker; at start, and with every beat, a worker also declares dead
 * the workers of its own host whose process is gone, so their jobs are taken up at once.
 * `leaseSeconds` is only the last resort for a run that hangs while its worker lives. A lost run
 * counts as a crash; a job that crashed before is claimed alone (its batch neighbours do not die
 * with it again), and one claimed with MAX_CRASHES crashes is given up instead of run, with its
 * kind's given-up hook (a file that kills the process cannot kill it in a loop). Writes that
 * settle a job check that this worker still holds it, so a job taken over is never finished twice.
 */
export function createJobWorker({
  database,
  logger,
  handlers,
  batchHandlers = new Map(),
  givenUpHandlers = new Map(),
  batch = 16,
  heartbeatMs = 5000,
  staleSeconds = 20,
  leaseSeconds = 900,
  idleMs = 500,
  host = HOST,
}: {
  database: DatabaseHandle;
  logger: Logger;
  handlers: Map<string, JobHandler>;
  batchHandlers?: Map<string, BatchJobHandler>;
  givenUpHandlers?: Map<string, JobGivenUpHandler>;
  batch?: number;
  heartbeatMs?: number;
  staleSeconds?: number;
  /**
   * Must exceed the time a whole batch may take: 16 files of up to VERBUND_EXTRACTION_TIMEOUT_S
   * (60 s) each, spread over the extraction processes (one per core; 900 s covers two or more).
   */
  leaseSeconds?: number;
  idleMs?: number;
  /** Where the worker runs (default: host name and PID namespace); tests pose as another machine. */
  host?: string;
}) {
  const heartbeat = createWorkerHeartbeat({ database, logger, host, heartbeatMs, staleSeconds });
  const { workerId, beat } = heartbeat;

  /** Settles a job this worker still holds; false when another worker has taken it over. */
  async function settle(
    trx: TenantTrx,
    id: string,
    values: { status: 'done' | 'queued' | 'dead'; last_error?: string; run_at?: Date; finished_at?: Date },
  ) {
    const result = await trx
      .updateTable('jobs')
      .set({ ...values, locked_until: null })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Ends a job for good, with its kind's hook in the same transaction when there is one. */
  async function giveUp(job: ClaimedRow, lastError: string, reason: string) {
    const hook = givenUpHandlers.get(job.kind);
    const markDead = (trx: TenantTrx) =>
      settle(trx, job.id, { status: 'dead', last_error: lastError.slice(0, 2000), finished_at: new Date() });
    try {
      await database.withTenant(job.tenant_id, async (trx) => {
        if ((await markDead(trx)) && hook) await hook({ trx, payload: job.payload, jobId: job.id, reason });
      });
    } catch (error) {
      logger.error({ err: error, job: job.id, kind: job.kind }, 'job given-up hook failed');
      await database.withTenant(job.tenant_id, markDead);
    }
    logger.warn(
      { job: job.id, kind: job.kind, tenant: job.tenant_id, crashes: job.crashes, reason },
      'job given up',
    );
  }

  async function runOne(job: ClaimedRow) {
    const handler = handlers.get(job.kind)!;
    try {
      await database.withTenant(job.tenant_id, async (trx) => {
        await handler({ trx, payload: job.payload, attempt: job.attempts, jobId: job.id });
        // Not ours any more: roll the handler's writes back, the new owner runs the job.
        if (!(await settle(trx, job.id, { status: 'done', finished_at: new Date() }))) throw new LeaseLost();
      });
    } catch (error) {
      if (error instanceof LeaseLost) {
        logger.warn({ job: job.id, kind: job.kind }, 'job taken over by another worker; result discarded');
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      // Crashes have their own limit; only runs that ended in an error count against max_attempts.
      const errors = job.attempts - job.crashes;
      const dead = errors >= job.max_attempts;
      logger.warn(
        { job: job.id, kind: job.kind, tenant: job.tenant_id, attempt: job.attempts, dead, err: message },
        'job failed',
      );
      if (dead) await giveUp(job, message, attemptsReason(errors));
      else
        await database.withTenant(job.tenant_id, (trx) =>
          settle(trx, job.id, {
            status: 'queued',
            last_error: message.slice(0, 2000),
            run_at: new Date(Date.now() + backoffMs(errors)),
          }),
        );
    }
  }

  async function runOnce() {
    const kinds = [...handlers.keys()];
    if (kinds.length === 0) return 0;
    const release = heartbeat.hold();
    try {
      const { rows } = await sql<ClaimedRow>`
        select * from claim_jobs(${kinds}::text[], ${batch}, ${workerId}::uuid, ${host}, ${process.pid},
          ${leaseSeconds}, ${staleSeconds})`.execute(database.db);
      const runnable: ClaimedRow[] = [];
      for (const job of rows)
        if (job.crashes >= MAX_CRASHES) await giveUp(job, CRASHED_REASON, CRASHED_REASON);
        else runnable.push(job);
      const finished = await runBatches(runnable);
      for (const job of runnable) if (!finished.has(job.id)) await runOne(job);
      return rows.length;
    } finally {
      release();
    }
  }

  /** Hands each tenant's jobs of a kind with a batch handler to it; returns the ids it finished. */
  async function runBatches(rows: ClaimedRow[]) {
    const finished = new Set<string>();
    const groups = new Map<string, { tenantId: string; kind: string; jobs: ClaimedJob[] }>();
    for (const job of rows) {
      if (!batchHandlers.has(job.kind)) continue;
      const key = `${job.tenant_id}\u0000${job.kind}`;
      const group = groups.get(key) ?? { tenantId: job.tenant_id, kind: job.kind, jobs: [] };
      group.jobs.push({ id: job.id, payload: job.payload, attempt: job.attempts });
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      try {
        const done = await batchHandlers.get(group.kind)!({
          tenantId: group.tenantId,
          jobs: group.jobs,
          owner: workerId,
        });
        for (const id of done) finished.add(String(id));
      } catch (error) {
        // Nothing of the group was committed; each job gets its own run (and retries) below.
        logger.warn(
          { kind: group.kind, tenant: group.tenantId, err: (error as Error).message },
          'job batch failed',
        );
      }
    }
    return finished;
  }

  const poller = createPollLoop({
    poll: runOnce,
    idleMs,
    // While the database is away: 0.5, 1, 2, 4, 5 s between attempts.
    backoffMs: doublingBackoff({ firstMs: idleMs }),
    onError: (error) => logger.error({ err: error }, 'job worker loop error'),
    // At once, not after staleSeconds: the jobs of this host's previous process (crash, kill -9).
    prelude: () => beat().catch((error) => logger.warn({ err: error }, 'job worker heartbeat failed')),
  });
  let release: (() => void) | undefined;
  return {
    workerId,
    runOnce,
    /** Beats once and declares dead the workers of this host whose process is gone. */
    reclaimDead: beat,
    start() {
      if (poller.running) return;
      release = heartbeat.hold();
      poller.start();
    },
    async stop() {
      await poller.stop();
      release?.();
      release = undefined;
      await heartbeat.signOff();
    },
  };
}

export type JobWorker = ReturnType<typeof createJobWorker>;
