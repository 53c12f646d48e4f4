import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';

export type VorlageStatus = 'entwurf' | 'freigegeben' | 'veroeffentlicht' | 'zurueckgezogen';

export type VorlageRow = {
  id: string;
  drucksachen_nr: string;
  art: string;
  status: VorlageStatus;
  oeffentlich: boolean;
  betreff: string;
  einreicher: string | null;
  federfuehrende_oe_id: string | null;
  einreichung: string | null;
  beschlussvorschlag: string | null;
  begruendung: string | null;
  unterzeichner: string | null;
  freigegeben_von: string | null;
  freigegeben_am: Date | null;
  veroeffentlicht_am: Date | null;
  akte_id: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
};

export type BeratungRow = {
  position: number;
  gremium_id: string;
  gremium: string;
  kuerzel: string;
  datum: string | null;
  zustaendigkeit: string;
};

/** The county's template of Drucksachen-Nr., or null when it has not set one. */
export async function loadNummernvorlage(trx: TenantTrx): Promise<string | null> {
  const { rows } = await sql<{ vorlage: string }>`select vorlage from drucksachen_schema`.execute(trx);
  return rows[0]?.vorlage ?? null;
}

export async function saveNummernvorlage(trx: TenantTrx, vorlage: string) {
  await sql`insert into drucksachen_schema (tenant_id, vorlage) values (${trx.tenantId}, ${vorlage})
    on conflict (tenant_id) do update set vorlage = excluded.vorlage, updated_at = now()`.execute(trx);
}

/**
 * The next number of a counter, in the caller's transaction: the row stays locked until it ends,
 * so concurrent creations take their turns, and a rollback returns the number.
 */
export async function nextZaehler(trx: TenantTrx, { reihe, jahr }: { reihe: string; jahr: number }) {
  const { rows } = await sql<{ letzte: number }>`
    insert into drucksachen_zaehler (tenant_id, reihe, jahr, letzte) values (${trx.tenantId}, ${reihe}, ${jahr}, 1)
    on conflict (tenant_id, reihe, jahr) do update set letzte = drucksachen_zaehler.letzte + 1
    returning letzte`.execute(trx);
  return rows[0]!.letzte;
}

const COLUMNS = sql`id, drucksachen_nr, art, status, oeffentlich, betreff, einreicher, federfuehrende_oe_id,
  einreichung::text as einreichung, beschlussvorschlag, begruendung, unterzeichner, freigegeben_von,
  freigegeben_am, veroeffentlicht_am, akte_id, created_by, created_at, updated_at`;

export type VorlageFields = {
  art: string;
  oeffentlich: boolean;
  betreff: string;
  einreicher: string | null;
  federfuehrendeOeId: string | null;
  einreichung: string | null;
  beschlussvorschlag: string | null;
  begruendung: string | null;
  unterzeichner: string | null;
};

export async function insertVorlage(
  trx: TenantTrx,
  input: VorlageFields & { drucksachenNr: string; createdBy: string },
): Promise<VorlageRow> {
  const { rows } = await sql<VorlageRow>`
    insert into vorlagen (tenant_id, drucksachen_nr, art, oeffentlich, betreff, einreicher, federfuehrende_oe_id,
                          einreichung, beschlussvorschlag, begruendung, unterzeichner, created_by)
    values (${trx.tenantId}, ${input.drucksachenNr}, ${input.art}, ${input.oeffentlich}, ${input.betreff},
            ${input.einreicher}, ${input.federfuehrendeOeId}::uuid, ${input.einreichung}::date,
            ${input.beschlussvorschlag}, ${input.begruendung}, ${input.unterzeichner}, ${input.createdBy})
    returning ${COLUMNS}`.execute(trx);
  return rows[0]!;
}

/** One Vorlage, locked for update when `lock`. */
export async function findVorlage(trx: TenantTrx, id: string, { lock = false } = {}) {
  const { rows } = await sql<VorlageRow>`select ${COLUMNS} from vorlagen where id = ${id}::uuid
    ${lock ? sql`for update` : sql``}`.execute(trx);
  return rows[0] ?? null;
}

export async function updateVorlage(
  trx: TenantTrx,
  id: string,
  fields: Partial<VorlageFields> & { drucksachenNr?: string },
) {
  const set = [
    fields.drucksachenNr !== undefined && sql`drucksachen_nr = ${fields.drucksachenNr}`,
    fields.art !== undefined && sql`art = ${fields.art}`,
    fields.oeffentlich !== undefined && sql`oeffentlich = ${fields.oeffentlich}`,
    fields.betreff !== undefined && sql`betreff = ${fields.betreff}`,
    fields.einreicher !== undefined && sql`einreicher = ${fields.einreicher}`,
    fields.federfuehrendeOeId !== undefined && sql`federfuehrende_oe_id = ${fields.federfuehrendeOeId}::uuid`,
    fields.einreichung !== undefined && sql`einreichung = ${fields.einreichung}::date`,
    fields.beschlussvorschlag !== undefined && sql`beschlussvorschlag = ${fields.beschlussvorschlag}`,
    fields.begruendung !== undefined && sql`begruendung = ${fields.begruendung}`,
    fields.unterzeichner !== undefined && sql`unterzeichner = ${fields.unterzeichner}`,
  ].filter((x) => x !== false);
  const { rows } = await sql<VorlageRow>`update vorlagen set ${sql.join([...set, sql`updated_at = now()`])}
    where id = ${id}::uuid returning ${COLUMNS}`.execute(trx);
  return rows[0]!;
}

export async function setVorlageStatus(
  trx: TenantTrx,
  id: string,
  status: 'freigegeben' | 'veroeffentlicht' | 'zurueckgezogen',
  actor: string,
) {
  const { rows } = await sql<VorlageRow>`update vorlagen set status = ${status}, updated_at = now(),
      freigegeben_von = case when ${status} = 'freigegeben' then ${actor} else freigegeben_von end,
      freigegeben_am = case when ${status} = 'freigegeben' then now() else freigegeben_am end,
      veroeffentlicht_am = case when ${status} = 'veroeffentlicht' then now() else veroeffentlicht_am end
    where id = ${id}::uuid returning ${COLUMNS}`.execute(trx);
  return rows[0]!;
}

/** Back to Entwurf (a change after the Freigabe needs a new one). */
export async function reopenVorlage(trx: TenantTrx, id: string) {
  const { rows } = await sql<VorlageRow>`update vorlagen set status = 'entwurf', freigegeben_von = null,
      freigegeben_am = null, updated_at = now()
    where id = ${id}::uuid returning ${COLUMNS}`.execute(trx);
  return rows[0]!;
}

/** The newest Vorlagen first, with the total (exact). */
export async function listVorlagen(
  trx: TenantTrx,
  { status, limit, offset }: { status?: string; limit: number; offset: number },
) {
  const where = status ? sql`where status = ${status}` : sql``;
  const { rows } = await sql<VorlageRow & { total: string }>`
    select ${COLUMNS}, count(*) over () as total from vorlagen ${where}
    order by created_at desc, id limit ${limit} offset ${offset}`.execute(trx);
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

export async function loadBeratungsfolge(trx: TenantTrx, vorlageIds: string[]) {
  const { rows } = await sql<BeratungRow & { vorlage_id: string }>`
    select b.vorlage_id, b.position, b.gremium_id, g.name as gremium, g.kuerzel, b.datum::text as datum, b.zustaendigkeit
    from beratungsfolge b join gremien g on g.id = b.gremium_id
    where b.vorlage_id = any(${vorlageIds}::uuid[]) order by b.vorlage_id, b.position`.execute(trx);
  return rows;
}

/** Replaces the Beratungsfolge of a Vorlage (positions 1…n in the given order). */
export async function replaceBeratungsfolge(
  trx: TenantTrx,
  vorlageId: string,
  folge: Array<{ gremiumId: string; datum: string | null; zustaendigkeit: string }>,
) {
  await sql`delete from beratungsfolge where vorlage_id = ${vorlageId}::uuid`.execute(trx);
  if (folge.length === 0) return;
  await sql`insert into beratungsfolge (tenant_id, vorlage_id, position, gremium_id, datum, zustaendigkeit)
    select ${trx.tenantId}, ${vorlageId}::uuid, f.position, f.gremium_id, f.datum, f.zustaendigkeit
    from unnest(${folge.map((_, i) => i + 1)}::int[], ${folge.map((f) => f.gremiumId)}::uuid[],
                ${folge.map((f) => f.datum)}::date[], ${folge.map((f) => f.zustaendigkeit)}::text[])
      as f(position, gremium_id, datum, zustaendigkeit)`.execute(trx);
}
