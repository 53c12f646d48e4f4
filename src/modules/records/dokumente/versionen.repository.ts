import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import { dokumentNotFound, versionNotFound } from './dokumente.errors.ts';

// The immutable versions of a document (dokument_versionen): all their SQL.

/** Locks the document for a new version; its current version number. */
export async function lockCurrentVersion(trx: TenantTrx, dokumentId: string) {
  const current = await sql<{ aktuelle_version: number }>`select aktuelle_version from dokumente
    where id = ${dokumentId}::uuid for update`.execute(trx);
  if (!current.rows[0]) throw dokumentNotFound();
  return current.rows[0].aktuelle_version;
}

/** Inserts a version and makes it the document's current one (its text still to be extracted). */
export async function insertCurrentVersion(
  trx: TenantTrx,
  v: {
    dokumentId: string;
    version: number;
    sha256: string;
    groesse: number;
    mime: string;
    dateiname: string;
    kommentar: string | null;
    actor: string;
  },
) {
  await trx
    .insertInto('dokument_versionen')
    .values({
      tenant_id: trx.tenantId,
      dokument_id: v.dokumentId,
      version: v.version,
      sha256: v.sha256,
      groesse: v.groesse,
      mime: v.mime,
      dateiname: v.dateiname,
      kommentar: v.kommentar,
      created_by: v.actor,
    })
    .execute();
  await trx
    .updateTable('dokumente')
    .set({ aktuelle_version: v.version, text_status: 'pending', text_fehler: null, updated_at: new Date() })
    .where('id', '=', v.dokumentId)
    .execute();
}

export async function listVersions(trx: TenantTrx, dokumentId: string) {
  const rows = await trx
    .selectFrom('dokument_versionen')
    .select([
      'version',
      'sha256',
      'groesse',
      'mime',
      'dateiname',
      'kommentar',
      'created_at',
      'created_by',
      'text_status',
      'text_fehler',
      'extractor',
      'seiten',
    ])
    .where('dokument_id', '=', dokumentId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    sha256: r.sha256,
    groesse: Number(r.groesse),
    mime: r.mime,
    dateiname: r.dateiname,
    kommentar: r.kommentar,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    textStatus: r.text_status,
    textFehler: r.text_fehler,
    extractor: r.extractor,
    seiten: r.seiten,
  }));
}

/** The extracted text of a version and its state. */
export async function loadVersionText(trx: TenantTrx, dokumentId: string, version: number) {
  const row = await trx
    .selectFrom('dokument_versionen')
    .select(['text', 'text_status', 'text_fehler'])
    .where('dokument_id', '=', dokumentId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw versionNotFound();
  return { text: row.text, status: row.text_status, fehler: row.text_fehler };
}

/** What serving a version's bytes needs: its hash (the blob), size, type and file name. */
export async function loadVersionFile(trx: TenantTrx, dokumentId: string, version: number) {
  const row = await trx
    .selectFrom('dokument_versionen')
    .select(['version', 'sha256', 'groesse', 'mime', 'dateiname'])
    .where('dokument_id', '=', dokumentId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw versionNotFound();
  return row;
}
