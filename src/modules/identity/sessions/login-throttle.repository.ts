import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';

/**
 * Login throttling per county and login name, stored in PostgreSQL so that every web process
 * sees the same counts: after 5 failures within 15 minutes the login is locked for a period
 * that doubles with each further failure (1, 2, 4 … at most 60 minutes).
 */
export const THROTTLE = { freeFailures: 5, windowMinutes: 15, maxLockMinutes: 60 };

export async function lockedUntil(trx: TenantTrx, login: string): Promise<Date | null> {
  const row = await trx
    .selectFrom('login_throttle')
    .select('locked_until')
    .where('login', '=', login)
    .executeTakeFirst();
  return row?.locked_until && row.locked_until > new Date() ? row.locked_until : null;
}

export async function recordFailure(trx: TenantTrx, login: string) {
  const { freeFailures, windowMinutes, maxLockMinutes } = THROTTLE;
  await sql`
    insert into login_throttle as t (tenant_id, login, failures, first_failure_at)
    values (${trx.tenantId}, ${login}, 1, now())
    on conflict (tenant_id, login) do update set
      failures = case when t.first_failure_at < now() - make_interval(mins => ${windowMinutes})
                      and (t.locked_until is null or t.locked_until < now()) then 1 else t.failures + 1 end,
      first_failure_at = case when t.first_failure_at < now() - make_interval(mins => ${windowMinutes})
                      and (t.locked_until is null or t.locked_until < now()) then now() else t.first_failure_at end`.execute(
    trx,
  );
  await sql`
    update login_throttle set locked_until = now() + make_interval(mins =>
      least(${maxLockMinutes}, power(2, failures - ${freeFailures})::int))
    where tenant_id = ${trx.tenantId} and login = ${login} and failures >= ${freeFailures}`.execute(trx);
}

export async function clearFailures(trx: TenantTrx, login: string) {
  await trx.deleteFrom('login_throttle').where('login', '=', login).execute();
}
