import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { type Leistung, type LeistungText, REIFEGRADE } from './leistungen.models.ts';

/** A row of `leistungen` with its owner's name and its form's name and newest version. */
export type LeistungRow = {
  id: string;
  leika: string;
  leika_platzhalter: boolean;
  name: string;
  texte: Partial<Record<LeistungText, string>> | null;
  reifegrad: number;
  owner_tenant_id: string;
  owner_name: string;
  formular_id: string | null;
  formular_name: string | null;
  formular_version: number | null;
  formular_neueste: number | null;
  standard: boolean;
  standard_oe: string | null;
  kennzeichen_vorschlag: string;
};

export const toLeistung = (r: LeistungRow): Leistung => ({
  id: r.id,
  leika: r.leika,
  leikaPlatzhalter: r.leika_platzhalter,
  name: r.name,
  texte: r.texte ?? {},
  reifegrad: r.reifegrad,
  reifegradText: REIFEGRADE[r.reifegrad] ?? '',
  ownerTenantId: r.owner_tenant_id,
  ownerName: r.owner_name,
  formularId: r.formular_id ?? null,
  formularName: r.formular_name ?? null,
  formularVersion: r.formular_version ?? null,
  formularNeueste: r.formular_neueste ?? null,
  standard: r.standard,
  kennzeichenVorschlag: r.kennzeichen_vorschlag,
});

const LEISTUNG_SELECT = sql`
  select l.*, t.name as owner_name, f.name as formular_name,
    (select max(version) from formular_versionen v where v.formular_id = l.formular_id) as formular_neueste
  from leistungen l join tenants t on t.id = l.owner_tenant_id
  left join formulare f on f.id = l.formular_id`;

/** The Verbund's service catalogue (Verbund-level data, read without a tenant). */
export function createLeistungenRepository({ database }: { database: DatabaseHandle }) {
  const { db } = database;

  /** Services whose name, search terms or short text contain `q`, or whose LeiKa key is `q`. */
  async function list(q: string | undefined) {
    const { rows } = await sql<LeistungRow>`${LEISTUNG_SELECT}
      where ${q ? sql`(lower(l.name) like ${`%${q}%`} or lower(l.suchbegriffe) like ${`%${q}%`} or lower(l.texte->>'kurztext') like ${`%${q}%`} or l.leika = ${q})` : sql`true`}
      order by l.name`.execute(db);
    return rows.map(toLeistung);
  }

  async function byIdOrLeika(idOrLeika: string) {
    const { rows } = await sql<LeistungRow>`${LEISTUNG_SELECT}
      where l.id = ${idOrLeika} or l.leika = ${idOrLeika}`.execute(db);
    return rows[0] ? toLeistung(rows[0]) : null;
  }

  return { list, byIdOrLeika };
}

/** The standard services of the Verbund (a joining county activates them), with their suggested OE. */
export async function standardLeistungen(trx: TenantTrx) {
  const { rows } = await sql<LeistungRow>`
    select l.*, t.name as owner_name, null as formular_name, null as formular_neueste
    from leistungen l join tenants t on t.id = l.owner_tenant_id where l.standard order by l.name`.execute(
    trx,
  );
  return rows.map((row) => ({ leistung: toLeistung(row), standardOe: row.standard_oe ?? null }));
}

export type LeistungenRepository = ReturnType<typeof createLeistungenRepository>;
