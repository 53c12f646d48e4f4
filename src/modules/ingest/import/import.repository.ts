import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';

// All SQL of the bulk import: runs, the outcome of each file, the Vorgang of each folder.

type RunRow = {
  id: string;
  quelle: string;
  aktenplan: string;
  akte_id: string;
  aktenzeichen: string;
  status: 'laeuft' | 'fertig' | 'abgebrochen';
  gesamt: number | null;
  gestartet_von: string;
  created_at: Date;
  beendet_at: Date | null;
};

export type ImportRun = {
  id: string;
  tenantId: string;
  quelle: string;
  aktenplan: string;
  akteId: string;
  aktenzeichen: string;
  status: RunRow['status'];
  gesamt: number | null;
  gestartetVon: string;
  createdAt: string;
  beendetAt: string | null;
};

const toRun = (tenantId: string, r: RunRow): ImportRun => ({
  id: r.id,
  tenantId,
  quelle: r.quelle,
  aktenplan: r.aktenplan,
  akteId: r.akte_id,
  aktenzeichen: r.aktenzeichen,
  status: r.status,
  gesamt: r.gesamt,
  gestartetVon: r.gestartet_von,
  createdAt: r.created_at.toISOString(),
  beendetAt: r.beendet_at?.toISOString() ?? null,
});

const RUN_COLUMNS = sql`id, quelle, aktenplan, akte_id, aktenzeichen, status, gesamt, gestartet_von, created_at, beendet_at`;

/** The unfinished run of a source, if there is one (it is resumed, not started again). */
export async function findOpenRun(trx: TenantTrx, quelle: string) {
  const { rows } = await sql<RunRow>`select ${RUN_COLUMNS} from import_laeufe
    where quelle = ${quelle} and status = 'laeuft'`.execute(trx);
  return rows[0] ? toRun(trx.tenantId, rows[0]) : undefined;
}

export async function findRun(trx: TenantTrx, id: string) {
  const { rows } = await sql<RunRow>`select ${RUN_COLUMNS} from import_laeufe where id = ${id}::uuid`.execute(
    trx,
  );
  return rows[0] ? toRun(trx.tenantId, rows[0]) : undefined;
}

export async function listRuns(trx: TenantTrx, limit: number) {
  const { rows } = await sql<RunRow>`select ${RUN_COLUMNS} from import_laeufe
    order by created_at desc limit ${limit}`.execute(trx);
  return rows.map((r) => toRun(trx.tenantId, r));
}

export async function insertRun(
  trx: TenantTrx,
  run: { quelle: string; aktenplan: string; akteId: string; aktenzeichen: string; gestartetVon: string },
) {
  const { rows } =
    await sql<RunRow>`insert into import_laeufe (tenant_id, quelle, aktenplan, akte_id, aktenzeichen, gestartet_von)
    values (${trx.tenantId}, ${run.quelle}, ${run.aktenplan}, ${run.akteId}::uuid, ${run.aktenzeichen}, ${run.gestartetVon})
    returning ${RUN_COLUMNS}`.execute(trx);
  return toRun(trx.tenantId, rows[0]!);
}

export async function setRunTotal(trx: TenantTrx, { id, gesamt }: { id: string; gesamt: number }) {
  await sql`update import_laeufe set gesamt = ${gesamt}, updated_at = now() where id = ${id}::uuid`.execute(
    trx,
  );
}

export async function finishRun(
  trx: TenantTrx,
  { id, status }: { id: string; status: 'fertig' | 'abgebrochen' },
) {
  await sql`update import_laeufe set status = ${status}, beendet_at = now(), updated_at = now()
    where id = ${id}::uuid and status = 'laeuft'`.execute(trx);
}

/** Which of `paths` the run has settled already (imported, duplicate or failed). */
export async function settledPaths(trx: TenantTrx, { laufId, paths }: { laufId: string; paths: string[] }) {
  if (paths.length === 0) return new Set<string>();
  const { rows } = await sql<{ pfad: string }>`select pfad from import_dateien
    where lauf_id = ${laufId}::uuid and pfad = any(${paths}::text[])`.execute(trx);
  return new Set(rows.map((r) => r.pfad));
}

export type FileOutcome = 'importiert' | 'duplikat' | 'fehler';

export async function insertFileOutcome(
  trx: TenantTrx,
  entry: {
    laufId: string;
    pfad: string;
    status: FileOutcome;
    sha256?: string | null;
    dokumentId?: string | null;
    grund?: string | null;
  },
) {
  await sql`insert into import_dateien (tenant_id, lauf_id, pfad, status, sha256, dokument_id, grund)
    values (${trx.tenantId}, ${entry.laufId}::uuid, ${entry.pfad}, ${entry.status}, ${entry.sha256 ?? null},
            ${entry.dokumentId ?? null}::uuid, ${entry.grund?.slice(0, 2000) ?? null})`.execute(trx);
}

/** The documents the run filed (for the vocabulary pass when it finishes). */
export async function filedDokumentIds(trx: TenantTrx, laufId: string) {
  const { rows } = await sql<{ id: string }>`select dokument_id as id from import_dateien
    where lauf_id = ${laufId}::uuid and status = 'importiert' and dokument_id is not null`.execute(trx);
  return rows.map((r) => r.id);
}

/** Files of the run per outcome (index-only over import_dateien_status). */
export async function countOutcomes(trx: TenantTrx, laufId: string) {
  const { rows } = await sql<{
    status: FileOutcome;
    n: string;
  }>`select status, count(*) as n from import_dateien
    where lauf_id = ${laufId}::uuid group by status`.execute(trx);
  const count = (status: FileOutcome) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  return { importiert: count('importiert'), duplikate: count('duplikat'), fehler: count('fehler') };
}

/** Failed and duplicate files of the run with their reason or original document (first `limit`). */
export async function listOutcomes(
  trx: TenantTrx,
  { laufId, status, limit }: { laufId: string; status: FileOutcome; limit: number },
) {
  const { rows } = await sql<{ pfad: string; grund: string | null; dokument_id: string | null }>`
    select pfad, grund, dokument_id from import_dateien where lauf_id = ${laufId}::uuid and status = ${status}
    order by pfad limit ${limit}`.execute(trx);
  return rows.map((r) => ({ pfad: r.pfad, grund: r.grund, dokumentId: r.dokument_id }));
}

export async function findFolderVorgang(
  trx: TenantTrx,
  { laufId, ordner }: { laufId: string; ordner: string },
) {
  const { rows } = await sql<{ vorgang_id: string }>`select vorgang_id from import_vorgaenge
    where lauf_id = ${laufId}::uuid and ordner = ${ordner}`.execute(trx);
  return rows[0]?.vorgang_id;
}

/** Maps a folder to its new Vorgang; false when another process mapped it first (roll back, read theirs). */
export async function insertFolderVorgang(
  trx: TenantTrx,
  { laufId, ordner, vorgangId }: { laufId: string; ordner: string; vorgangId: string },
) {
  const { rows } = await sql<{
    ok: number;
  }>`insert into import_vorgaenge (tenant_id, lauf_id, ordner, vorgang_id)
    values (${trx.tenantId}, ${laufId}::uuid, ${ordner}, ${vorgangId}::uuid)
    on conflict do nothing returning 1 as ok`.execute(trx);
  return rows.length > 0;
}
