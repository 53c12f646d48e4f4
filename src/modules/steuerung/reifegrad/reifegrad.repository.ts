import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import type { KriteriumKey, KriteriumWert, PlattformFakten, Stufe } from './reifegrad.models.ts';

export type LeistungFakten = PlattformFakten & { leistungId: string; name: string };
export type KriteriumRow = {
  leistungId: string;
  kriterium: KriteriumKey;
  wert: KriteriumWert;
  bemerkung: string | null;
  erfasstVon: string;
  erfasstAm: Date;
};
export type StandRow = { leistungId: string; stufe: Stufe; stufe20: number | null; berechnetAm: Date };

/** The key of the Verbund-total row in the table model. */
export const VERBUND = '*verbund*';

/** All SQL of the Reifegrad: platform facts, recorded criteria and the stored level of the county. */
export const reifegradRepository = {
  /**
   * Per Leistung of the catalog what the county's own data shows. Only "is there one" counts for a
   * criterion, so each fact is an EXISTS that stops at the first Antrag (RLS scopes them) — the
   * counts over every Antrag took seconds at 1,000,000 Anträge. The numbers are 0 or 1.
   */
  fakten: async (trx: TenantTrx, leistungId?: string): Promise<LeistungFakten[]> => {
    const { rows } = await sql<{
      id: string;
      name: string;
      aktiv: boolean;
      beschreibung: boolean;
      formular: boolean;
      online: string | null;
      nachweis: string | null;
      bescheid: string | null;
      status: string | null;
    }>`
      select l.id, l.name, coalesce(la.aktiv, false) as aktiv,
        coalesce(length(l.texte->>'kurztext'), 0) + coalesce(length(l.texte->>'volltext'), 0) > 0 as beschreibung,
        l.formular_id is not null as formular,
        exists (select 1 from antraege x where x.leistung_id = l.id and x.quelle = 'portal')::int as online,
        exists (select 1 from antraege x join antrag_anlagen an on an.tenant_id = x.tenant_id
                  and an.antrag_id = x.id and an.zweck = 'attachment' where x.leistung_id = l.id)::int as nachweis,
        exists (select 1 from antraege x join antrag_nachrichten m on m.tenant_id = x.tenant_id
                  and m.antrag_id = x.id and m.art = 'bescheid' where x.leistung_id = l.id)::int as bescheid,
        exists (select 1 from antraege x join antrag_nachrichten m on m.tenant_id = x.tenant_id
                  and m.antrag_id = x.id and m.art = 'status' where x.leistung_id = l.id)::int as status
      from leistungen l
      left join leistung_aktivierungen la on la.leistung_id = l.id
      where ${leistungId ?? null}::text is null or l.id = ${leistungId ?? null}
      order by l.name`.execute(trx);
    return rows.map((r) => ({
      leistungId: r.id,
      name: r.name,
      aktiv: r.aktiv,
      mitBeschreibung: r.beschreibung,
      mitFormular: r.formular,
      onlineAntraege: Number(r.online ?? 0),
      antraegeMitNachweis: Number(r.nachweis ?? 0),
      digitaleBescheide: Number(r.bescheid ?? 0),
      statusNachrichten: Number(r.status ?? 0),
    }));
  },

  kriterien: async (trx: TenantTrx, leistungId?: string): Promise<KriteriumRow[]> => {
    const { rows } = await sql<{
      leistung_id: string;
      kriterium: KriteriumKey;
      erforderlich: boolean;
      stufe: Stufe | null;
      bemerkung: string | null;
      erfasst_von: string;
      erfasst_am: Date;
    }>`select leistung_id, kriterium, erforderlich, stufe, bemerkung, erfasst_von, erfasst_am
       from reifegrad_kriterien
       where ${leistungId ?? null}::text is null or leistung_id = ${leistungId ?? null}`.execute(trx);
    return rows.map((r) => ({
      leistungId: r.leistung_id,
      kriterium: r.kriterium,
      wert: r.erforderlich ? { stufe: r.stufe as Stufe } : { entfaellt: true },
      bemerkung: r.bemerkung,
      erfasstVon: r.erfasst_von,
      erfasstAm: r.erfasst_am,
    }));
  },

  /** Records (or with null removes) criteria of one Leistung in one statement. */
  erfassen: async (
    trx: TenantTrx,
    p: {
      leistungId: string;
      werte: Array<{ kriterium: KriteriumKey; wert: KriteriumWert | null; bemerkung: string | null }>;
      von: string;
    },
  ) => {
    const loeschen = p.werte.filter((w) => w.wert === null).map((w) => w.kriterium);
    if (loeschen.length > 0)
      await sql`delete from reifegrad_kriterien
        where leistung_id = ${p.leistungId} and kriterium = any(${loeschen}::text[])`.execute(trx);
    const setzen = p.werte.flatMap((w) => (w.wert === null ? [] : [{ ...w, wert: w.wert }]));
    if (setzen.length === 0) return;
    await sql`
      insert into reifegrad_kriterien (tenant_id, leistung_id, kriterium, erforderlich, stufe, bemerkung, erfasst_von)
      select ${trx.tenantId}, ${p.leistungId}, k, e, s, b, ${p.von}
      from unnest(${setzen.map((w) => w.kriterium)}::text[], ${setzen.map((w) => !('entfaellt' in w.wert))}::boolean[],
                  ${setzen.map((w) => ('stufe' in w.wert ? w.wert.stufe : null))}::int[],
                  ${setzen.map((w) => w.bemerkung)}::text[]) as t(k, e, s, b)
      on conflict (tenant_id, leistung_id, kriterium) do update set erforderlich = excluded.erforderlich,
        stufe = excluded.stufe, bemerkung = excluded.bemerkung, erfasst_von = excluded.erfasst_von,
        erfasst_am = now()`.execute(trx);
  },

  stand: async (trx: TenantTrx): Promise<StandRow[]> => {
    const { rows } = await sql<{
      leistung_id: string;
      stufe: Stufe;
      stufe_2_0: number | null;
      berechnet_am: Date;
    }>`
      select leistung_id, stufe, stufe_2_0, berechnet_am from reifegrad_stand`.execute(trx);
    return rows.map((r) => ({
      leistungId: r.leistung_id,
      stufe: r.stufe,
      stufe20: r.stufe_2_0,
      berechnetAm: r.berechnet_am,
    }));
  },

  /** Stores the computed levels of many Leistungen at once; keeps the recorded model-2.0 level. */
  speichereStand: async (
    trx: TenantTrx,
    zeilen: Array<{ leistungId: string; stufe: Stufe; offen: number }>,
  ) => {
    if (zeilen.length === 0) return;
    await sql`
      insert into reifegrad_stand (tenant_id, leistung_id, stufe, offene_kriterien)
      select ${trx.tenantId}, l, s, o
      from unnest(${zeilen.map((z) => z.leistungId)}::text[], ${zeilen.map((z) => z.stufe)}::int[],
                  ${zeilen.map((z) => z.offen)}::int[]) as t(l, s, o)
      on conflict (tenant_id, leistung_id) do update set stufe = excluded.stufe,
        offene_kriterien = excluded.offene_kriterien, berechnet_am = now()`.execute(trx);
  },

  setzeStufe20: async (trx: TenantTrx, p: { leistungId: string; stufe20: number | null }) => {
    await sql`update reifegrad_stand set stufe_2_0 = ${p.stufe20}
      where leistung_id = ${p.leistungId}`.execute(trx);
  },

  verbund: async (trx: TenantTrx) => {
    const { rows } = await sql<{ tenant_id: string | null; stufe: number; leistungen: string; stand: Date }>`
      select * from steuerung_reifegrad_verbund()`.execute(trx);
    // tenant_id null: the Verbund total per level
    return rows.map((r) => ({
      tenantId: r.tenant_id ?? VERBUND,
      stufe: r.stufe,
      leistungen: Number(r.leistungen),
      stand: r.stand,
    }));
  },

  mitglieder: async (trx: TenantTrx) => {
    const { rows } = await sql<{ id: string; name: string }>`
      select id, name from tenants order by kreisschluessel`.execute(trx);
    return rows.map((r) => ({ tenantId: r.id, name: r.name }));
  },
};
