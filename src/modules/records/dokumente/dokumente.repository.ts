import { type RawBuilder, sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import type { MetadataField, Vertraulichkeit } from '../../../platform/database/database.types.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { looksLikeUuid } from '../records.models.ts';
import { dokumentVisible, type Viewer, viewerInStatement } from '../viewer/viewer.ts';
import { vorgangNotFound } from '../vorgaenge/vorgaenge.errors.ts';
import { dokumentNotFound } from './dokumente.errors.ts';
import type { Dokument, VorgangContext } from './dokumente.models.ts';

type DokumentRow = {
  id: string;
  vorgang_id: string;
  akte_id: string;
  aktenzeichen: string;
  betreff: string;
  titel: string;
  art: Dokument['art'];
  datum: string;
  absender: string | null;
  empfaenger: string | null;
  metadaten: MetadataField[];
  vertraulichkeit: Vertraulichkeit;
  aktuelle_version: number;
  sha256: string;
  groesse: string | number;
  mime: string;
  dateiname: string;
  text_status: Dokument['textStatus'];
  text_fehler: string | null;
  parent_dokument_id: string | null;
  created_at: Date;
  created_by: string;
};

const DOKUMENT_SELECT = sql`
  select d.*, a.aktenzeichen, vg.betreff, dv.sha256, dv.groesse, dv.mime, dv.dateiname
  from dokumente d
  join vorgaenge vg on vg.id = d.vorgang_id
  join akten a on a.id = d.akte_id
  join dokument_versionen dv on dv.dokument_id = d.id and dv.version = d.aktuelle_version`;

const toDokument = (r: DokumentRow): Dokument => ({
  id: r.id,
  vorgangId: r.vorgang_id,
  akteId: r.akte_id,
  aktenzeichen: r.aktenzeichen,
  betreff: r.betreff,
  titel: r.titel,
  art: r.art,
  datum: r.datum,
  absender: r.absender,
  empfaenger: r.empfaenger,
  metadaten: r.metadaten,
  vertraulichkeit: r.vertraulichkeit,
  version: r.aktuelle_version,
  sha256: r.sha256,
  groesse: Number(r.groesse),
  mime: r.mime,
  dateiname: r.dateiname,
  textStatus: r.text_status,
  textFehler: r.text_fehler,
  parentDokumentId: r.parent_dokument_id,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
});

export async function loadVisibleDokument(trx: TenantTrx, viewer: Viewer, id: string) {
  if (!looksLikeUuid(id)) throw dokumentNotFound();
  const { rows } =
    await sql<DokumentRow>`${DOKUMENT_SELECT} where d.id = ${id}::uuid and ${dokumentVisible(viewer)}`.execute(
      trx,
    );
  if (rows.length === 0) throw dokumentNotFound();
  return toDokument(rows[0]!);
}

export async function listVisibleDokumente(
  trx: TenantTrx,
  { viewer, vorgangId, page }: { viewer: Viewer; vorgangId: string; page: { limit: number; offset: number } },
) {
  const condition = sql`d.vorgang_id = ${vorgangId}::uuid and ${dokumentVisible(viewer)}`;
  const { rows } = await sql<DokumentRow>`${DOKUMENT_SELECT} where ${condition}
    order by d.datum desc, d.created_at desc limit ${page.limit} offset ${page.offset}`.execute(trx);
  const total = await sql<{ n: string }>`select count(*) as n from dokumente d
    join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id where ${condition}`.execute(
    trx,
  );
  return { items: rows.map(toDokument), total: Number(total.rows[0]!.n) };
}

const VORGANG_CONTEXT =
  sql.raw(`vg.id, vg.akte_id, a.status as akte_status, a.unit_id, a.vertraulichkeit, a.aktenzeichen,
  a.titel as akte_titel, vg.betreff, vg.externe_referenz, u.kennzeichen from vorgaenge vg join akten a on a.id = vg.akte_id
  join aktenplan_units u on u.id = a.unit_id`);

/** What fileDokument needs to know of a Vorgang (load once when filing several documents). */
export async function loadVorgangContext(trx: TenantTrx, vorgangId: string) {
  const { rows } =
    await sql<VorgangContext>`select ${VORGANG_CONTEXT} where vg.id = ${vorgangId}::uuid`.execute(trx);
  if (!rows[0]) throw vorgangNotFound();
  return rows[0];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The Vorgang's context if the principal may see it (the viewer rule, read inside the statement):
 * one round trip (a prepared statement) for the upload hot path. Undefined when not visible.
 */
export async function loadVisibleVorgangContext(
  database: DatabaseHandle,
  principal: Principal,
  vorgangId: string,
) {
  const id = vorgangId.toLowerCase();
  if (!UUID.test(id)) return undefined;
  const me = viewerInStatement(principal);
  const [context] = await database.executeAsTenant(
    principal.tenantId,
    sql<VorgangContext>`with ${me.cte}
      select ${VORGANG_CONTEXT}, me where vg.id = ${id}::uuid and ${me.vorgangVisible}`,
  );
  return context;
}

/** Runs a filing statement in the caller's transaction, or on its own in one round trip. */
export async function executeFiling(
  target: { trx: TenantTrx } | { database: DatabaseHandle; tenantId: string },
  statement: RawBuilder<unknown>,
) {
  if ('trx' in target) await statement.execute(target.trx);
  else await target.database.executeAsTenant(target.tenantId, statement);
}

export async function updateDokument(trx: TenantTrx, id: string, set: Record<string, unknown>) {
  await trx.updateTable('dokumente').set(set).where('id', '=', id).execute();
}
