import { type RawBuilder, sql } from 'kysely';

/** One job row for jobInsert: its payload (a jsonb SQL expression) and, if it reads one, its source. */
export type JobRow = {
  kind: string;
  payload: RawBuilder<unknown>;
  maxAttempts: number;
  /** `from …` of the row's select, e.g. the CTE of the change that caused the job. */
  from?: RawBuilder<unknown>;
};

/**
 * The rows enqueueJob() writes (jobs.ts), as a statement piece (`insert … select … returning 1`)
 * for one-round-trip statements: use it as a CTE of the change that causes the jobs, and wake the
 * workers with jobWakeUp in the statement's main select.
 */
export function jobInsert(tenantId: string, rows: JobRow[]) {
  // The attempts are literals: parameters in a `union all` would be typed text, not int.
  if (!rows.every((row) => Number.isInteger(row.maxAttempts)))
    throw new Error('maxAttempts must be an integer');
  const selects = rows.map(
    (row) =>
      sql`select ${tenantId}, ${row.kind}, ${row.payload}, ${sql.lit(row.maxAttempts)}${row.from ? sql` from ${row.from}` : sql``}`,
  );
  return sql`insert into jobs (tenant_id, kind, payload, max_attempts)
      ${sql.join(selects, sql` union all `)}
      returning 1`;
}

/** Wakes the workers waiting for jobs of `kind` (the notification enqueueJob sends). */
export const jobWakeUp = (kind: string) => sql`pg_notify('verbund_jobs', ${kind})`;
