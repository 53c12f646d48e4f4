import { sql } from 'kysely';
import type { Db, TenantTrx } from '../../../platform/database/database.ts';
import type { SchluesselVersion } from './verteilung.models.ts';

type MitgliedRow = {
  id: string;
  name: string;
  kreisschluessel: string;
  mitglied_seit: string;
  mitglied_bis: string | null;
  via_amendment: number | null;
};
type SchluesselRow = {
  gilt_ab: string;
  aenderung: number | null;
  gewicht_gleich: number;
  gewicht_einwohner: number;
  gewicht_nutzung: number;
  nutzung_antraege: number;
  nutzung_dokumente: number;
  nutzung_benutzer: number;
  beispieldaten: boolean;
};
export type EinwohnerRow = {
  kreisschluessel: string;
  stichtag: string;
  einwohner: number;
  quelle: string;
  beispieldaten: boolean;
};
export type NutzungRow = { tenant_id: string; antraege: number; dokumente: number; benutzer: number };

/** Cost sharing data: Verbund-level tables (members, key, pool, population) and the usage function. */
export const kostenRepository = {
  /** Members of the Zweckvereinbarung with the day their membership took effect. */
  listMitglieder: async (db: Db) =>
    (
      await sql<MitgliedRow>`
        select t.id, t.name, t.kreisschluessel, to_char(m.member_since, 'YYYY-MM-DD') as mitglied_seit,
               to_char((to_jsonb(m) ->> 'member_until')::date, 'YYYY-MM-DD') as mitglied_bis, m.via_amendment
        from tenants t join agreement_members m on m.member_id = t.id
        order by m.member_since, t.kreisschluessel`.execute(db)
    ).rows,

  /**
   * Key versions: recorded here (steuerung_kostenschluessel) and, where the amendment process
   * (migration 0030, `aenderungen`) names fixed shares, from every amendment announced with an
   * effective date; on the same day the amendment's key wins.
   */
  listSchluessel: async (db: Db): Promise<SchluesselVersion[]> => {
    const eigene = (
      await sql<SchluesselRow>`
        select to_char(gilt_ab, 'YYYY-MM-DD') as gilt_ab, aenderung, gewicht_gleich, gewicht_einwohner,
               gewicht_nutzung, nutzung_antraege, nutzung_dokumente, nutzung_benutzer, beispieldaten
        from steuerung_kostenschluessel order by gilt_ab`.execute(db)
    ).rows.map(
      (r): SchluesselVersion => ({
        giltAb: r.gilt_ab,
        aenderung: r.aenderung,
        beispieldaten: r.beispieldaten,
        schluessel: {
          gleich: r.gewicht_gleich,
          einwohner: r.gewicht_einwohner,
          nutzung: r.gewicht_nutzung,
          nutzungGewichte: {
            antraege: r.nutzung_antraege,
            dokumente: r.nutzung_dokumente,
            benutzer: r.nutzung_benutzer,
          },
        },
      }),
    );
    const { rows: vorhanden } = await sql<{
      da: boolean;
    }>`select to_regclass('aenderungen') is not null as da`.execute(db);
    if (!vorhanden[0]?.da) return eigene;
    const ausAenderungen = (
      await sql<{ gilt_ab: string; nummer: number; fest: Record<string, number>; beispieldaten: boolean }>`
        select to_char(wirksam_ab, 'YYYY-MM-DD') as gilt_ab, nummer, kostenschluessel as fest, beispieldaten
        from aenderungen
        where kostenschluessel is not null and wirksam_ab is not null and status in ('bekanntgemacht', 'wirksam')`.execute(
        db,
      )
    ).rows.map(
      (r): SchluesselVersion => ({
        giltAb: r.gilt_ab,
        aenderung: r.nummer,
        beispieldaten: r.beispieldaten,
        schluessel: {
          gleich: 0,
          einwohner: 0,
          nutzung: 0,
          nutzungGewichte: { antraege: 1, dokumente: 1, benutzer: 1 },
          fest: r.fest,
        },
      }),
    );
    const tage = new Set(ausAenderungen.map((v) => v.giltAb));
    return [...eigene.filter((v) => !tage.has(v.giltAb)), ...ausAenderungen].sort((a, b) =>
      a.giltAb.localeCompare(b.giltAb),
    );
  },

  upsertSchluessel: (db: Db, v: SchluesselVersion & { bemerkung: string | null; von: string }) =>
    sql`insert into steuerung_kostenschluessel (gilt_ab, aenderung, gewicht_gleich, gewicht_einwohner, gewicht_nutzung,
          nutzung_antraege, nutzung_dokumente, nutzung_benutzer, bemerkung, beispieldaten, erfasst_von)
        values (${v.giltAb}, ${v.aenderung}, ${v.schluessel.gleich}, ${v.schluessel.einwohner}, ${v.schluessel.nutzung},
          ${v.schluessel.nutzungGewichte.antraege}, ${v.schluessel.nutzungGewichte.dokumente},
          ${v.schluessel.nutzungGewichte.benutzer}, ${v.bemerkung}, ${v.beispieldaten}, ${v.von})
        on conflict (gilt_ab) do update set aenderung = excluded.aenderung, gewicht_gleich = excluded.gewicht_gleich,
          gewicht_einwohner = excluded.gewicht_einwohner, gewicht_nutzung = excluded.gewicht_nutzung,
          nutzung_antraege = excluded.nutzung_antraege, nutzung_dokumente = excluded.nutzung_dokumente,
          nutzung_benutzer = excluded.nutzung_benutzer, bemerkung = excluded.bemerkung,
          beispieldaten = excluded.beispieldaten, erfasst_von = excluded.erfasst_von, erfasst_am = now()`.execute(
      db,
    ),

  getPool: async (db: Db, jahr: number) =>
    (
      await sql<{ jahr: number; betrag_cent: string; bezeichnung: string; beispieldaten: boolean }>`
        select jahr, betrag_cent, bezeichnung, beispieldaten from steuerung_kostenpool where jahr = ${jahr}`.execute(
        db,
      )
    ).rows[0],

  upsertPool: (
    db: Db,
    p: { jahr: number; betragCent: bigint; bezeichnung: string; beispieldaten: boolean; von: string },
  ) =>
    sql`insert into steuerung_kostenpool (jahr, betrag_cent, bezeichnung, beispieldaten, erfasst_von)
        values (${p.jahr}, ${p.betragCent.toString()}, ${p.bezeichnung}, ${p.beispieldaten}, ${p.von})
        on conflict (jahr) do update set betrag_cent = excluded.betrag_cent, bezeichnung = excluded.bezeichnung,
          beispieldaten = excluded.beispieldaten, erfasst_von = excluded.erfasst_von, erfasst_am = now()`.execute(
      db,
    ),

  /** The latest population figure of each county on or before `stichtag` (all counties when null). */
  listEinwohner: async (db: Db, bis: string | null) =>
    (
      await sql<EinwohnerRow>`
        select distinct on (kreisschluessel) kreisschluessel, to_char(stichtag, 'YYYY-MM-DD') as stichtag,
               einwohner, quelle, beispieldaten
        from steuerung_einwohner where ${bis}::date is null or stichtag <= ${bis}::date
        order by kreisschluessel, stichtag desc`.execute(db)
    ).rows,

  upsertEinwohner: (db: Db, e: EinwohnerRow & { von: string }) =>
    sql`insert into steuerung_einwohner (kreisschluessel, stichtag, einwohner, quelle, beispieldaten, erfasst_von)
        values (${e.kreisschluessel}, ${e.stichtag}, ${e.einwohner}, ${e.quelle}, ${e.beispieldaten}, ${e.von})
        on conflict (kreisschluessel, stichtag) do update set einwohner = excluded.einwohner, quelle = excluded.quelle,
          beispieldaten = excluded.beispieldaten, erfasst_von = excluded.erfasst_von, erfasst_am = now()`.execute(
      db,
    ),

  /** Usage counts of every county, through the one audited cross-county function (migration 0040). */
  nutzungVerbund: async (trx: TenantTrx, p: { von: string; bis: string }) =>
    (
      await sql<{ tenant_id: string; antraege: string; dokumente: string; benutzer: string }>`
        select * from steuerung_nutzung_verbund(${p.von}::date, ${p.bis}::date)`.execute(trx)
    ).rows.map(
      (r): NutzungRow => ({
        tenant_id: r.tenant_id,
        antraege: Number(r.antraege),
        dokumente: Number(r.dokumente),
        benutzer: Number(r.benutzer),
      }),
    ),
};
