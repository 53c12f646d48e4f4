import { sql } from 'kysely';
import type { TenantTrx } from '../database/database.ts';

// What the rest of the product writes into the queue: a job in its own transaction, and the
// completion of claimed jobs inside a batch handler's write.

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

/**
 * The statement piece that completes claimed jobs, for batch handlers that finish them inside
 * their own write: only jobs the worker still holds – a job taken over by another worker (this one
 * was declared dead while paused) is left to its new owner. Without an owner (a handler called
 * directly, outside a worker) it completes the jobs as they are.
 */
export const finishJobs = ({ jobIds, owner }: { jobIds: string[]; owner?: string }) =>
  sql`update jobs set status = 'done', finished_at = now(), locked_until = null
    where id = any(${`{${jobIds.join(',')}}`}::bigint[])${
      owner ? sql` and locked_by = ${owner}::uuid and status = 'running'` : sql``
    }`;
