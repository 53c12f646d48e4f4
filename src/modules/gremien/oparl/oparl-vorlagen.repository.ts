import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import { sitzungOeffentlich, vorlageJeOeffentlich, vorlageOeffentlich } from '../oeffentlich.ts';
import type { StampedRow } from './oparl.repository.ts';

/**
 * Which Vorlagen OParl shows, by the public rule shared with /ratsinfo (../oeffentlich.ts): only a
 * Vorlage that was published and public ever enters OParl (published is final, and neither
 * `oeffentlich` nor the number change after it); once it is no longer public now (withdrawn or
 * deleted) it stays as a deleted Paper. A non-public or unpublished Vorlage is never read.
 */
const everPublic = vorlageJeOeffentlich;
const stillPublic = vorlageOeffentlich;

export type PaperRow = StampedRow & {
  drucksachen_nr: string;
  art: string;
  betreff: string;
  einreichung: string | null;
  veroeffentlicht_am: Date;
};

// The partial index vorlagen_oparl (tenant, id) where published serves the keyset walk.
export const paperBase = sql`select v.id, v.created_at as created, v.updated_at as modified,
    not (${stillPublic('v')}) as deleted, v.drucksachen_nr, v.art, v.betreff,
    v.einreichung::text as einreichung, v.veroeffentlicht_am
  from vorlagen v where ${everPublic('v')}`;

export type ConsultationRow = StampedRow & {
  vorlage_id: string;
  position: number;
  gremium_id: string;
  zustaendigkeit: string;
  top_id: string | null;
  sitzung_id: string | null;
};

/**
 * Beratungsfolge entries of shown Papers. The agenda item is the latest public one of the Gremium
 * that carries the Vorlage (a non-public item is never linked: that would tell what it is about).
 */
export const consultationBase = sql`select bf.id, bf.created_at as created,
    greatest(bf.updated_at, top.updated_at) as modified, false as deleted, bf.vorlage_id, bf.position,
    bf.gremium_id, bf.zustaendigkeit, top.id as top_id, top.sitzung_id
  from beratungsfolge bf join vorlagen v on v.id = bf.vorlage_id and ${everPublic('v')} and ${stillPublic('v')}
  left join lateral (
    select t.id, t.sitzung_id, t.updated_at from tagesordnungspunkte t
    join sitzungen s on s.id = t.sitzung_id and ${sitzungOeffentlich('s')}
    where t.vorlage_id = bf.vorlage_id and s.gremium_id = bf.gremium_id and t.oeffentlich
    order by s.beginn desc, t.id limit 1) top on true`;

export type FileRow = StampedRow & {
  vorlage_id: string;
  position: number;
  titel: string;
  dateiname: string;
  mime: string;
  groesse: string;
  sha256: string;
  sha512: string | null;
  datum: string;
};

/**
 * Public Anlagen of shown Papers, with their current version. Deleted when the Anlage is deleted or
 * its Paper is no longer shown; a non-public Anlage is never read.
 */
export const fileBase = sql`select a.id, a.created_at as created, greatest(a.updated_at, v.updated_at) as modified,
    (a.deleted_at is not null or not (${stillPublic('v')})) as deleted, a.vorlage_id, a.position, a.titel,
    dv.dateiname, dv.mime, dv.groesse, dv.sha256, dp.sha512, d.datum::text as datum
  from vorlage_anlagen a join vorlagen v on v.id = a.vorlage_id and ${everPublic('v')}
  join dokumente d on d.id = a.dokument_id
  join dokument_versionen dv on dv.dokument_id = d.id and dv.version = d.aktuelle_version
  left join datei_pruefsummen dp on dp.sha256 = dv.sha256
  where a.oeffentlich`;

export async function saveSha512(trx: TenantTrx, sums: Array<{ sha256: string; sha512: string }>) {
  if (sums.length === 0) return;
  await sql`insert into datei_pruefsummen (tenant_id, sha256, sha512)
    select ${trx.tenantId}, s.sha256, s.sha512
    from unnest(${sums.map((s) => s.sha256)}::text[], ${sums.map((s) => s.sha512)}::text[]) as s(sha256, sha512)
    on conflict do nothing`.execute(trx);
}
