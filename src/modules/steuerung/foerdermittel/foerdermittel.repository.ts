import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import type { Ausgabe, Bewilligung, Kategorie } from './foerdermittel.models.ts';

type BewilligungRow = {
  id: string;
  zuwendungsgeber: string;
  programm: string;
  aktenzeichen: string;
  zweck: string;
  foerdersatz_bp: number;
  zuwendungsfaehig_cent: string;
  von: string;
  bis: string;
  sachbericht: string;
  beispiel: boolean;
};

const BEWILLIGUNG = sql`id, zuwendungsgeber, programm, aktenzeichen, zweck, foerdersatz_bp,
  zuwendungsfaehig_cent, von::text as von, bis::text as bis, sachbericht, beispiel`;

const bewilligungOf = (r: BewilligungRow): Bewilligung => ({
  id: r.id,
  zuwendungsgeber: r.zuwendungsgeber,
  programm: r.programm,
  aktenzeichen: r.aktenzeichen,
  zweck: r.zweck,
  foerdersatzBp: r.foerdersatz_bp,
  zuwendungsfaehigCent: Number(r.zuwendungsfaehig_cent),
  von: r.von,
  bis: r.bis,
  sachbericht: r.sachbericht,
  beispiel: r.beispiel,
});

export type NeueBewilligung = Omit<Bewilligung, 'id'> & { createdBy: string };
export type NeueAusgabe = Omit<Ausgabe, 'id' | 'belegTitel'> & { bewilligungId: string; createdBy: string };

/** All SQL of the Fördermittel; every statement runs in the county's tenant transaction (RLS). */
export const foerdermittelRepository = {
  bewilligungen: async (trx: TenantTrx) =>
    (
      await sql<BewilligungRow>`select ${BEWILLIGUNG} from foerderbewilligungen order by von desc, aktenzeichen`.execute(
        trx,
      )
    ).rows.map(bewilligungOf),

  bewilligung: async (trx: TenantTrx, id: string) => {
    const { rows } = await sql<BewilligungRow>`
      select ${BEWILLIGUNG} from foerderbewilligungen where id = ${id}::uuid`.execute(trx);
    return rows[0] ? bewilligungOf(rows[0]) : null;
  },

  /** null when the Aktenzeichen is taken in the county. */
  anlegen: async (trx: TenantTrx, b: NeueBewilligung) => {
    const { rows } = await sql<{ id: string }>`
      insert into foerderbewilligungen (tenant_id, zuwendungsgeber, programm, aktenzeichen, zweck, foerdersatz_bp,
        zuwendungsfaehig_cent, von, bis, sachbericht, beispiel, created_by)
      values (${trx.tenantId}, ${b.zuwendungsgeber}, ${b.programm}, ${b.aktenzeichen}, ${b.zweck}, ${b.foerdersatzBp},
        ${b.zuwendungsfaehigCent}, ${b.von}::date, ${b.bis}::date, ${b.sachbericht}, ${b.beispiel}, ${b.createdBy})
      on conflict (tenant_id, aktenzeichen) do nothing returning id`.execute(trx);
    return rows[0]?.id ?? null;
  },

  sachbericht: async (trx: TenantTrx, p: { id: string; sachbericht: string }) => {
    const { rows } = await sql<{ id: string }>`update foerderbewilligungen
      set sachbericht = ${p.sachbericht}, updated_at = now() where id = ${p.id}::uuid returning id`.execute(
      trx,
    );
    return rows.length > 0;
  },

  ausgaben: async (trx: TenantTrx, bewilligungId: string): Promise<Ausgabe[]> => {
    const { rows } = await sql<{
      id: string;
      datum: string;
      betrag_cent: string;
      kategorie: Kategorie;
      text: string;
      beleg_dokument_id: string | null;
      beleg_titel: string | null;
      beispiel: boolean;
    }>`
      select a.id, a.datum::text as datum, a.betrag_cent, a.kategorie, a.text, a.beleg_dokument_id,
        d.titel as beleg_titel, a.beispiel
      from foerderausgaben a
      left join dokumente d on d.tenant_id = a.tenant_id and d.id = a.beleg_dokument_id
      where a.bewilligung_id = ${bewilligungId}::uuid order by a.datum, a.id`.execute(trx);
    return rows.map((r) => ({
      id: r.id,
      datum: r.datum,
      betragCent: Number(r.betrag_cent),
      kategorie: r.kategorie,
      text: r.text,
      belegDokumentId: r.beleg_dokument_id,
      belegTitel: r.beleg_titel,
      beispiel: r.beispiel,
    }));
  },

  /** Many expenses in one statement (the form adds one, the demo a year's worth). */
  ausgabenAnlegen: async (trx: TenantTrx, ausgaben: NeueAusgabe[]) => {
    if (ausgaben.length === 0) return [];
    const spalte = <K extends keyof NeueAusgabe>(k: K) => ausgaben.map((a) => a[k]);
    const { rows } = await sql<{ id: string }>`
      insert into foerderausgaben (tenant_id, bewilligung_id, datum, betrag_cent, kategorie, text,
        beleg_dokument_id, beispiel, created_by)
      select ${trx.tenantId}, b, d, c, k, t, doc, bsp, von
      from unnest(${spalte('bewilligungId')}::uuid[], ${spalte('datum')}::date[], ${spalte('betragCent')}::bigint[],
        ${spalte('kategorie')}::text[], ${spalte('text')}::text[], ${spalte('belegDokumentId')}::uuid[],
        ${spalte('beispiel')}::boolean[], ${spalte('createdBy')}::text[]) as x(b, d, c, k, t, doc, bsp, von)
      returning id`.execute(trx);
    return rows.map((r) => r.id);
  },

  ausgabeLoeschen: async (trx: TenantTrx, p: { bewilligungId: string; id: string }) => {
    const { rows } = await sql<{ id: string }>`delete from foerderausgaben
      where bewilligung_id = ${p.bewilligungId}::uuid and id = ${p.id}::uuid returning id`.execute(trx);
    return rows.length > 0;
  },

  /** Whether the document is in the county's E-Akte (RLS: another county's id is not found). */
  dokumentVorhanden: async (trx: TenantTrx, id: string) => {
    const { rows } = await sql<{ id: string }>`select id from dokumente where id = ${id}::uuid`.execute(trx);
    return rows.length > 0;
  },

  landkreisName: async (trx: TenantTrx) => {
    const { rows } = await sql<{ name: string }>`select name from tenants where id = ${trx.tenantId}`.execute(
      trx,
    );
    return rows[0]?.name ?? trx.tenantId;
  },
};
