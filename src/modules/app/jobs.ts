import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from './database.ts';
import type { Logger } from './logger.ts';

export type JobHandler = (args: {
  trx: TenantTrx;
  payload: Record<string, unknown>;
  attempt: number;
  jobId: string;
}) => Promise<void>;

export type ClaimedJob = { id: string; payload: Record<string, unknown>; attempt: number };

/**
 * Optional fast path for a kind: processes several claimed jobs of one tenant at once (e.g. one
 * round trip and one commit for eight extractions) and marks the ones it finished as done in its
 * own write. Returns their ids; every other job of the group – and the whole group if it throws –
 * then goes through the kind's JobHandler one by one, with its usual retries.
 */
export type BatchJobHandler = (args: { tenantId: string; jobs: ClaimedJob[] }) => Promise<string[]>;

/** Enqueues a job in the caller's transaction: it exists exactly when the change that caused it commits. */
export async function enqueueJob(
  trx: TenantTrx,
  job: { kind: string; payload?: Record<string, unknown>; runAt?: Date; maxAttempts?: number },
) {
  const row = await trx
    .insertInto('jobs')
    .values({
      tenant_id: trx.tenantId,
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: job.runAt ?? new Date(),
      ...(job.maxAttempts ? { max_attempts: job.maxAttempts } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`select pg_notify('verbund_jobs', ${job.kind})`.execute(trx);
  return { jobId: row.id };
}

/** Exponential backoff with full jitter: up to 2^attempt seconds, at most one hour. */
export const backoffMs = (attempt: number) =>
  Math.round(Math.random() * Math.min(3600_000, 1000 * 2 ** attempt));

/**
 * A worker loop: claims due jobs of the registered kinds across tenants (claim_jobs uses
 * FOR UPDATE SKIP LOCKED, so any number of workers can run), runs each in its tenant's
 * transaction, retries with backoff, and marks a job dead after max_attempts. It claims up to
 * `batch` jobs at a time (16: a batch handler then writes 16 extractions in one statement); a
 * claimed job whose worker died is taken up again after `lockSeconds`, which must exceed the time a
 * whole batch may take (extractors time out after 30 s per file).
 */
export function createJobWorker({
  database,
  logger,
  handlers,
  batchHandlers = new Map(),
  batch = 16,
  lockSeconds = 300,
  idleMs = 500,
}: {
  database: DatabaseHandle;
  logger: Logger;
  handlers: Map<string, JobHandler>;
  batchHandlers?: Map<string, BatchJobHandler>;
  batch?: number;
  lockSeconds?: number;
  idleMs?: number;
}) {
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  async function runOnce() {
    const kinds = [...handlers.keys()];
    if (kinds.length === 0) return 0;
    const { rows } = await sql<{
      tenant_id: string;
      id: string;
      kind: string;
      payload: Record<string, unknown>;
      attempts: number;
      max_attempts: number;
    }>`
      select * from claim_jobs(${kinds}::text[], ${batch}, ${lockSeconds})`.execute(database.db);
    const finished = await runBatches(rows);
    for (const job of rows) {
      if (finished.has(job.id)) continue;
      const handler = handlers.get(job.kind)!;
      try {
        await database.withTenant(job.tenant_id, async (trx) => {
          await handler({ trx, payload: job.payload, attempt: job.attempts, jobId: job.id });
          await trx
            .updateTable('jobs')
            .set({ status: 'done', finished_at: new Date(), locked_until: null })
            .where('id', '=', job.id)
            .execute();
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const dead = job.attempts >= job.max_attempts;
        logger.warn(
          { job: job.id, kind: job.kind, tenant: job.tenant_id, attempt: job.attempts, dead, err: message },
          'job failed',
        );
        await database.withTenant(job.tenant_id, (trx) =>
          trx
            .updateTable('jobs')
            .set({
              status: dead ? 'dead' : 'queued',
              last_error: message.slice(0, 2000),
              run_at: new Date(Date.now() + backoffMs(job.attempts)),
              locked_until: null,
              finished_at: dead ? new Date() : null,
            })
            .where('id', '=', job.id)
            .execute(),
        );
      }
    }
    return rows.length;
  }

  /** Hands each tenant's jobs of a kind with a batch handler to it; returns the ids it finished. */
  async function runBatches(
    rows: Array<{
      tenant_id: string;
      id: string;
      kind: string;
      payload: Record<string, unknown>;
      attempts: number;
    }>,
  ) {
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
        const done = await batchHandlers.get(group.kind)!({ tenantId: group.tenantId, jobs: group.jobs });
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

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          let claimed = 0;
          try {
            claimed = await runOnce();
          } catch (error) {
            logger.error({ err: error }, 'job worker loop error');
          }
          if (claimed === 0 && running)
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, idleMs);
            });
        }
      })();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}

export type JobWorker = ReturnType<typeof createJobWorker>;
