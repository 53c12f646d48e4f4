import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';

// The county's register of everything taken in, by the SHA-256 of the raw bytes (before any
// preprocessing). Shared by the bulk import, the consume folders and e-mail intake.

export type IntakeSource = 'import' | 'ordner' | 'mail';

/**
 * Registers the bytes in the caller's transaction. New (`neu`): registered under a new document
 * id, which the caller files the document under (fileDokument `dokumentId`) in the same
 * transaction. Known: counted as seen again, with the document first filed from them. A concurrent
 * registration of the same bytes waits on the key until the first commits, then sees them as
 * known – two intakes never both file.
 */
export async function registerIntake(
  trx: TenantTrx,
  { sha256, quelle }: { sha256: string; quelle: IntakeSource },
): Promise<{ neu: true; dokumentId: string } | { neu: false; dokumentId: string | null; gesehen: number }> {
  const { rows } = await sql<{ neu: boolean; dokument_id: string | null; gesehen: number }>`
    insert into eingang_hashes (tenant_id, sha256, quelle, dokument_id)
    values (${trx.tenantId}, ${sha256}, ${quelle}, ${randomUUID()}::uuid)
    on conflict (tenant_id, sha256) do update
      set gesehen = eingang_hashes.gesehen + 1, zuletzt_gesehen_at = now()
    returning (xmax = 0) as neu, dokument_id, gesehen`.execute(trx);
  const row = rows[0]!;
  return row.neu
    ? { neu: true, dokumentId: row.dokument_id! }
    : { neu: false, dokumentId: row.dokument_id, gesehen: row.gesehen };
}

/** How often the bytes were taken in, and their first document (tests, the API). */
export async function findRegisteredIntake(trx: TenantTrx, sha256: string) {
  const { rows } = await sql<{ dokument_id: string | null; gesehen: number; quelle: IntakeSource }>`
    select dokument_id, gesehen, quelle from eingang_hashes where sha256 = ${sha256}`.execute(trx);
  return rows[0];
}

/**
 * Whether the bytes need no virus scan: the county took them in already (they become "seen again"),
 * or clamd found them clean within the last day (an intake repeated after a crash between scan and
 * commit). One statement in one round trip (executeAsTenant), index lookups on both primary keys.
 */
export async function scannedBefore(
  database: DatabaseHandle,
  { tenantId, sha256 }: { tenantId: string; sha256: string },
) {
  const [row] = await database.executeAsTenant(
    tenantId,
    sql<{ skip: boolean }>`select
      exists (select 1 from eingang_hashes where sha256 = ${sha256})
      or exists (select 1 from virenscan_befunde where sha256 = ${sha256}
                 and geprueft_at > now() - interval '1 day') as skip`,
  );
  return row?.skip === true;
}

/**
 * Notes a clean verdict, in one round trip. Committed asynchronously (no WAL flush of its own): a
 * verdict lost in a crash of PostgreSQL only means the file is scanned once more, never that it
 * passes unscanned.
 */
export async function recordCleanScan(
  database: DatabaseHandle,
  { tenantId, sha256 }: { tenantId: string; sha256: string },
) {
  await database.executeAsTenant(
    tenantId,
    sql`insert into virenscan_befunde (tenant_id, sha256)
      select app_tenant(), ${sha256} from (select set_config('synchronous_commit', 'off', true)) as async_commit
      on conflict (tenant_id, sha256) do update set geprueft_at = now()`,
  );
}

/**
 * Notes clean verdicts from a scan helper's journal (scan-journal.ts), in one statement per county
 * and batch; committed synchronously, because the journal is deleted right after.
 */
export async function recordCleanScans(
  database: DatabaseHandle,
  { tenantId, entries }: { tenantId: string; entries: Array<{ sha256: string; at: number }> },
) {
  await database.withTenant(tenantId, async (trx) => {
    await sql`insert into virenscan_befunde (tenant_id, sha256, geprueft_at)
      select app_tenant(), v.sha256, to_timestamp(v.at / 1000.0)
      from unnest(${entries.map((e) => e.sha256)}::text[], ${entries.map((e) => e.at)}::float8[]) as v(sha256, at)
      on conflict (tenant_id, sha256) do update
        set geprueft_at = greatest(virenscan_befunde.geprueft_at, excluded.geprueft_at)`.execute(trx);
  });
}
