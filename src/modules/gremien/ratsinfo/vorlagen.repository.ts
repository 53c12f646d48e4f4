import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import { sitzungOeffentlich, vorlageOeffentlich } from '../oeffentlich.ts';

/**
 * Public reads of Vorlagen: only published (veröffentlicht) and public ones, the condition written
 * once here (PUBLIC) and used by every statement of the public pages that names a Vorlage.
 */
/** The one rule of a public Vorlage on these pages (alias `v`): published, public, not deleted. */
export const PUBLIC = vorlageOeffentlich('v');

export type PublicVorlageRow = {
  id: string;
  drucksachen_nr: string;
  art: string;
  betreff: string;
  einreicher: string | null;
  einreichung: string | null;
  federfuehrende_oe: string | null;
  beschlussvorschlag: string | null;
  begruendung: string | null;
  unterzeichner: string | null;
  veroeffentlicht_am: Date;
  updated_at: Date;
};

export async function findPublicVorlage(trx: TenantTrx, id: string) {
  const { rows } = await sql<PublicVorlageRow>`
    select v.id, v.drucksachen_nr, v.art, v.betreff, v.einreicher, v.einreichung::text as einreichung,
           o.name as federfuehrende_oe, v.beschlussvorschlag, v.begruendung, v.unterzeichner,
           v.veroeffentlicht_am, v.updated_at
    from vorlagen v left join org_units o on o.id = v.federfuehrende_oe_id
    where v.id = ${id}::uuid and ${PUBLIC}`.execute(trx);
  return rows[0] ?? null;
}

export async function publicBeratungsfolge(trx: TenantTrx, vorlageId: string) {
  const { rows } = await sql<{
    position: number;
    gremium_id: string;
    gremium: string;
    datum: string | null;
    zustaendigkeit: string;
  }>`select b.position, b.gremium_id, g.name as gremium, b.datum::text as datum, b.zustaendigkeit
    from beratungsfolge b join gremien g on g.id = b.gremium_id
    where b.vorlage_id = ${vorlageId}::uuid order by b.position`.execute(trx);
  return rows;
}

export type VorlageBeratungRow = {
  sitzung_id: string;
  gremium: string;
  beginn: Date;
  status: string;
  top_nummer: number;
  ergebnis: string | null;
  ja: number | null;
  nein: number | null;
  enthaltung: number | null;
  beschluss_nr: string | null;
  changed: Date;
};

/**
 * Where the Vorlage was on a public agenda of a session whose agenda is public (from the invitation
 * on), with the number of the item in the public part (Ö n) and its result.
 */
export async function beratungenDerVorlage(trx: TenantTrx, vorlageId: string) {
  const { rows } = await sql<VorlageBeratungRow>`
    select s.id as sitzung_id, g.name as gremium, s.beginn, s.status,
      (select count(*)::int from tagesordnungspunkte t2
        where t2.sitzung_id = t.sitzung_id and t2.oeffentlich and t2.position <= t.position) as top_nummer,
      b.ergebnis, b.ja, b.nein, b.enthaltung, bs.nummer as beschluss_nr,
      greatest(s.updated_at, t.updated_at, b.updated_at, bs.updated_at) as changed
    from tagesordnungspunkte t
    join sitzungen s on s.id = t.sitzung_id and ${sitzungOeffentlich('s')} join gremien g on g.id = s.gremium_id
    left join beratungen b on b.top_id = t.id left join beschluesse bs on bs.top_id = t.id
    where t.vorlage_id = ${vorlageId}::uuid and t.oeffentlich and s.status in ('eingeladen', 'durchgefuehrt')
    order by s.beginn, t.position`.execute(trx);
  return rows;
}

export type PublicAnlageRow = {
  id: string;
  titel: string;
  dateiname: string;
  mime: string;
  groesse: string;
  sha256: string;
  updated_at: Date;
};

/**
 * The public attachments of a public Vorlage (its current version each). Only an open Dokument:
 * an attachment marked public whose Dokument is filed `intern` or `vertraulich` stays hidden.
 */
export async function publicAnlagen(trx: TenantTrx, vorlageId: string, anlageId?: string) {
  const { rows } = await sql<PublicAnlageRow>`
    select a.id, a.titel, dv.dateiname, dv.mime, dv.groesse::text as groesse, dv.sha256,
           greatest(a.updated_at, d.updated_at) as updated_at
    from vorlage_anlagen a
    join vorlagen v on v.id = a.vorlage_id
    join dokumente d on d.id = a.dokument_id
    join dokument_versionen dv on dv.dokument_id = d.id and dv.version = d.aktuelle_version
    where a.vorlage_id = ${vorlageId}::uuid and a.oeffentlich and ${PUBLIC}
      and d.vertraulichkeit = 'offen'
      ${anlageId ? sql`and a.id = ${anlageId}::uuid` : sql``}
    order by a.position`.execute(trx);
  return rows;
}

/** The newest published public Vorlagen (the search page without a query), with the total. */
export async function neuesteVorlagen(trx: TenantTrx, page: { limit: number; offset: number }) {
  const { rows } = await sql<{
    id: string;
    drucksachen_nr: string;
    art: string;
    betreff: string;
    veroeffentlicht_am: Date;
    total: string;
  }>`select v.id, v.drucksachen_nr, v.art, v.betreff, v.veroeffentlicht_am, count(*) over () as total
    from vorlagen v where ${PUBLIC}
    order by v.veroeffentlicht_am desc, v.id limit ${page.limit} offset ${page.offset}`.execute(trx);
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

/** Ids and change times of all public Vorlagen (the sitemap). */
export async function allePublicVorlagen(trx: TenantTrx) {
  const { rows } = await sql<{ id: string; updated_at: Date }>`select v.id, v.updated_at from vorlagen v
    where ${PUBLIC} order by v.veroeffentlicht_am, v.id`.execute(trx);
  return rows;
}
