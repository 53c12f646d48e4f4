import { sql } from 'kysely';
import type { Db, TenantTrx } from '../../platform/database/database.ts';
import { type IndexContext, searchColumnsSet } from './search.indexer.ts';
import {
  REINDEX_JOB,
  type ReindexMode,
  type ReindexRun,
  type ReindexState,
} from './search.reindex.models.ts';

// All SQL of the background reindex: the county's run (search_reindex), the outdated documents
// (dokumente_search_version, migration 0017) and the one-statement write of a batch.

type RunRow = {
  analyzer_version: number;
  mode: ReindexMode;
  status: ReindexState;
  total: number;
  planned: number;
  done: number;
  cursor_version: number | null;
  cursor_id: string | null;
  passes: number;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
  last_error: string | null;
};

export type StoredRun = ReindexRun & { cursor: { version: number; id: string } | null };

const toRun = (r: RunRow): StoredRun => ({
  analyzerVersion: r.analyzer_version,
  mode: r.mode,
  status: r.status,
  total: r.total,
  planned: r.planned,
  done: r.done,
  passes: r.passes,
  startedAt: r.started_at,
  updatedAt: r.updated_at,
  finishedAt: r.finished_at,
  lastError: r.last_error,
  cursor: r.cursor_id === null ? null : { version: r.cursor_version ?? 0, id: r.cursor_id },
});

/** The county's last run; `lock` holds its row until the transaction ends (one batch at a time). */
export async function loadRun(trx: TenantTrx, { lock = false }: { lock?: boolean } = {}) {
  const { rows } = await sql<RunRow>`
    select * from search_reindex where tenant_id = ${trx.tenantId}${lock ? sql` for update` : sql``}`.execute(
    trx,
  );
  return rows[0] ? toRun(rows[0]) : null;
}

/** Serialises the starts of one county (web processes starting together, the CLI). */
export async function lockStarts(trx: TenantTrx) {
  await sql`select pg_advisory_xact_lock(hashtext(${`search.reindex:${trx.tenantId}`}))`.execute(trx);
}

/** Whether a reindex job of the county is queued or running (a run whose job died is not). */
export async function hasLiveJob(trx: TenantTrx) {
  const { rows } = await sql<{ live: boolean }>`
    select exists (select 1 from jobs where tenant_id = ${trx.tenantId} and kind = ${REINDEX_JOB}
      and status in ('queued', 'running')) as live`.execute(trx);
  return rows[0]!.live;
}

/** Whether any document is indexed with an older analyzer: one probe of the index, no count. */
export async function anyOutdated(trx: TenantTrx, version: number) {
  const { rows } = await sql<{ any: boolean }>`
    select exists (select 1 from dokumente where tenant_id = ${trx.tenantId} and search_version < ${version})
      as any`.execute(trx);
  return rows[0]!.any;
}

/** Outdated documents (an index range: cheap when few are outdated). */
export async function countOutdated(trx: TenantTrx, version: number) {
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from dokumente where tenant_id = ${trx.tenantId} and search_version < ${version}`.execute(
    trx,
  );
  return Number(rows[0]!.n);
}

/** All documents and the outdated ones, in one pass (when a run starts). */
export async function countDocuments(trx: TenantTrx, version: number) {
  const { rows } = await sql<{ total: string; outdated: string }>`
    select count(*) as total, count(*) filter (where search_version < ${version}) as outdated
    from dokumente where tenant_id = ${trx.tenantId}`.execute(trx);
  return { total: Number(rows[0]!.total), outdated: Number(rows[0]!.outdated) };
}

/** Starts (or restarts) the county's run from the beginning. */
export async function saveNewRun(
  trx: TenantTrx,
  run: { analyzerVersion: number; mode: ReindexMode; total: number; planned: number },
) {
  await sql`
    insert into search_reindex (tenant_id, analyzer_version, mode, status, total, planned)
    values (${trx.tenantId}, ${run.analyzerVersion}, ${run.mode}, 'laeuft', ${run.total}, ${run.planned})
    on conflict (tenant_id) do update set analyzer_version = excluded.analyzer_version, mode = excluded.mode,
      status = 'laeuft', total = excluded.total, planned = excluded.planned, done = 0, cursor_version = null,
      cursor_id = null, passes = 1, started_at = now(), updated_at = now(), finished_at = null,
      last_error = null`.execute(trx);
}

/** A run whose job died goes on where it stopped. */
export async function resumeRun(trx: TenantTrx) {
  await sql`update search_reindex set status = 'laeuft', last_error = null, finished_at = null, updated_at = now()
    where tenant_id = ${trx.tenantId}`.execute(trx);
}

/** After a batch: what it did and where the next one starts. */
export async function advanceRun(
  trx: TenantTrx,
  step: { done: number; cursor: { version: number; id: string } },
) {
  await sql`update search_reindex set done = done + ${step.done}, cursor_version = ${step.cursor.version},
      cursor_id = ${step.cursor.id}::uuid, updated_at = now()
    where tenant_id = ${trx.tenantId}`.execute(trx);
}

/** The cursor reached the end but documents are still outdated (locked then): once more from the start. */
export async function nextPass(trx: TenantTrx) {
  await sql`update search_reindex set cursor_version = null, cursor_id = null, passes = passes + 1,
      updated_at = now() where tenant_id = ${trx.tenantId}`.execute(trx);
}

export async function finishRun(
  trx: TenantTrx,
  end: { status: 'fertig' | 'abgebrochen'; lastError?: string | null },
) {
  await sql`update search_reindex set status = ${end.status}, last_error = ${end.lastError ?? null},
      finished_at = now(), updated_at = now() where tenant_id = ${trx.tenantId}`.execute(trx);
}

/** A document of a batch: its index context, its current text and where it sits in the run's order. */
export type ReindexRow = IndexContext & { id: string; search_version: number; text: string | null };

/**
 * The next batch of the run, locked for this transaction: SKIP LOCKED passes over documents a
 * person is changing right now (their own write indexes them with the current analyzer; a later
 * pass catches the rest), so the reindex never waits on filing and filing never waits on it.
 * Mode 'veraltet' walks dokumente_search_version from the cursor – only outdated rows, no matter
 * how many current ones there are; mode 'alle' walks the primary key. The index contexts (Vorgang,
 * Akte, current version's file name and text) come in the same statement.
 */
export async function loadBatch(
  trx: TenantTrx,
  {
    mode,
    version,
    cursor,
    limit,
  }: { mode: ReindexMode; version: number; cursor: { version: number; id: string } | null; limit: number },
) {
  const picked =
    mode === 'veraltet'
      ? sql`select id, search_version from dokumente
          where tenant_id = ${trx.tenantId} and search_version < ${version}
            ${cursor ? sql`and (search_version, id) > (${cursor.version}::smallint, ${cursor.id}::uuid)` : sql``}
          order by search_version, id limit ${limit} for update skip locked`
      : sql`select id, search_version from dokumente
          where tenant_id = ${trx.tenantId} ${cursor ? sql`and id > ${cursor.id}::uuid` : sql``}
          order by id limit ${limit} for update skip locked`;
  const { rows } = await sql<ReindexRow>`
    with picked as materialized (${picked})
    select d.id, d.search_version, d.titel, d.absender, d.empfaenger, d.metadaten, a.aktenzeichen,
           a.titel as akte_titel, vg.betreff, vg.externe_referenz, coalesce(dv.dateiname, '') as dateiname, dv.text
    from picked p join dokumente d on d.tenant_id = ${trx.tenantId} and d.id = p.id
    join vorgaenge vg on vg.tenant_id = d.tenant_id and vg.id = d.vorgang_id
    join akten a on a.tenant_id = d.tenant_id and a.id = d.akte_id
    left join dokument_versionen dv on dv.tenant_id = d.tenant_id and dv.dokument_id = d.id
      and dv.version = d.aktuelle_version
    order by p.search_version, p.id`.execute(trx);
  return rows;
}

/** The search columns of one document as the analyzer computed them (tsvector literals). */
export type ReindexedColumns = { id: string; search: string; head: string; refs: string[] };

/**
 * Writes a batch's search columns in one statement (one round trip for the batch); the assignments
 * (and the analyzer version they record) are the indexer's, as for a single document.
 */
export async function writeBatch(trx: TenantTrx, rows: ReindexedColumns[]) {
  if (rows.length === 0) return;
  await sql`
    update dokumente d set ${searchColumnsSet({ search: sql`v.search`, head: sql`v.head`, refs: sql`v.refs` })}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, search text, head text, refs text[])
    where d.tenant_id = ${trx.tenantId} and d.id = v.id`.execute(trx);
}

/** Counties reindexing and the documents they have left, summed over the Verbund (migration 0017). */
export async function loadOverview(db: Db) {
  const { rows } = await sql<{ laufend: number; verbleibend: string }>`
    select * from search_reindex_overview()`.execute(db);
  return { reindexing: rows[0]!.laufend, remaining: Number(rows[0]!.verbleibend) };
}
