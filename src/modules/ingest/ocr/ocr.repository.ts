import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import type { OcrStatus } from './ocr.models.ts';

export type OcrRecord = {
  dokumentId: string;
  version: number;
  status: OcrStatus;
  grund: string | null;
  konfidenz: number | null;
  woerter: number | null;
  seiten: number | null;
  seitenErkannt: number | null;
  originalSha256: string;
  renditionSha256: string | null;
  renditionGroesse: number | null;
  pdfa: boolean;
  signiert: boolean;
  dauerMs: number | null;
};

type OcrRow = {
  dokument_id: string;
  version: number;
  status: OcrStatus;
  grund: string | null;
  konfidenz: string | null;
  woerter: number | null;
  seiten: number | null;
  seiten_erkannt: number | null;
  original_sha256: string;
  rendition_sha256: string | null;
  rendition_groesse: string | null;
  pdfa: boolean;
  signiert: boolean;
  dauer_ms: number | null;
  updated_at: Date;
};

const toRecord = (row: OcrRow) => ({
  dokumentId: row.dokument_id,
  version: row.version,
  status: row.status,
  grund: row.grund,
  konfidenz: row.konfidenz === null ? null : Number(row.konfidenz),
  woerter: row.woerter,
  seiten: row.seiten,
  seitenErkannt: row.seiten_erkannt,
  originalSha256: row.original_sha256,
  renditionSha256: row.rendition_sha256,
  renditionGroesse: row.rendition_groesse === null ? null : Number(row.rendition_groesse),
  pdfa: row.pdfa,
  signiert: row.signiert,
  dauerMs: row.dauer_ms,
  aktualisiert: row.updated_at.toISOString(),
});

/** Writes the OCR state of a version (one statement, the county's own transaction). */
export async function saveOcrRecord(database: DatabaseHandle, tenantId: string, r: OcrRecord) {
  await database.executeAsTenant(
    tenantId,
    sql`insert into ocr_ergebnisse as o (tenant_id, dokument_id, version, status, grund, konfidenz, woerter, seiten,
          seiten_erkannt, original_sha256, rendition_sha256, rendition_groesse, pdfa, signiert, dauer_ms)
        values (${tenantId}, ${r.dokumentId}::uuid, ${r.version}, ${r.status}, ${r.grund}, ${r.konfidenz}, ${r.woerter},
          ${r.seiten}, ${r.seitenErkannt}, ${r.originalSha256}, ${r.renditionSha256}, ${r.renditionGroesse}, ${r.pdfa},
          ${r.signiert}, ${r.dauerMs})
        on conflict (tenant_id, dokument_id, version) do update set status = excluded.status, grund = excluded.grund,
          konfidenz = excluded.konfidenz, woerter = excluded.woerter, seiten = excluded.seiten,
          seiten_erkannt = excluded.seiten_erkannt, original_sha256 = excluded.original_sha256,
          rendition_sha256 = excluded.rendition_sha256, rendition_groesse = excluded.rendition_groesse,
          pdfa = excluded.pdfa, signiert = excluded.signiert, dauer_ms = excluded.dauer_ms, updated_at = now()`,
  );
}

/** The OCR state of every version of a document, newest version first. */
export async function loadOcrRecords(trx: TenantTrx, dokumentId: string) {
  const { rows } = await sql<OcrRow>`
    select * from ocr_ergebnisse where dokument_id = ${dokumentId}::uuid order by version desc`.execute(trx);
  return rows.map(toRecord);
}

/** Versions stored with „OCR nicht verfügbar“, marked pending in the same statement (at most `limit`). */
export async function takeUnavailable(trx: TenantTrx, limit: number) {
  const { rows } = await sql<{ dokument_id: string; version: number }>`
    update ocr_ergebnisse o set status = 'pending', grund = null, updated_at = now()
    from (select dokument_id, version from ocr_ergebnisse where status = 'unavailable' limit ${limit}
          for update skip locked) w
    where o.dokument_id = w.dokument_id and o.version = w.version
    returning o.dokument_id, o.version`.execute(trx);
  return rows.map((row) => ({ dokumentId: row.dokument_id, version: row.version }));
}

export type OcrView = ReturnType<typeof toRecord>;

/**
 * Of the given versions of one county, those whose text extraction has not committed yet (still
 * `pending`): their kept OCR results (ocr.cache.ts) are still needed by a retry.
 */
export async function pendingExtractions(
  database: DatabaseHandle,
  tenantId: string,
  keys: Array<{ dokumentId: string; version: number }>,
) {
  const rows = await database.executeAsTenant(
    tenantId,
    sql<{ dokument_id: string; version: number }>`
      select dv.dokument_id, dv.version from dokument_versionen dv
      join jsonb_to_recordset(${JSON.stringify(keys.map((k) => ({ d: k.dokumentId, v: k.version })))}::jsonb) as k(d uuid, v int) on dv.dokument_id = k.d and dv.version = k.v
      where dv.text_status = 'pending'`,
  );
  return rows.map((row) => ({ dokumentId: row.dokument_id, version: row.version }));
}
