import { type RawBuilder, sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import type { FormDefinition } from '../formulare/form.models.ts';
import { statusText } from './antraege.models.ts';

type AntragRow = {
  id: string;
  nummer: string;
  tenant_id: string;
  tenant_name: string;
  leistung_id: string;
  leistung_name: string;
  leika: string;
  gemeinde_ags: string;
  gemeinde_name: string;
  vorgang_status: string;
  vorgang_id: string;
  akte_id: string;
  quelle: string;
  formular_id: string | null;
  formular_version: number | null;
  daten: Record<string, unknown>;
  created_at: Date;
  metadaten: unknown;
  definition: FormDefinition | null;
};

type AnlageRow = {
  nr: number;
  dateiname: string;
  mime: string;
  groesse: string | number;
  sha512: string;
  dokument_id: string;
  feld: string | null;
};

type NachrichtRow = {
  id: string;
  art: string;
  text: string;
  dokument_id: string | null;
  offen: boolean;
  created_at: Date;
};

const ANTRAG_SELECT = sql`
  select an.*, vg.status as vorgang_status, vg.akte_id, l.name as leistung_name, l.leika, g.name as gemeinde_name,
    t.name as tenant_name, fv.definition, fv.version as formular_version, fv.formular_id
  from antraege an join vorgaenge vg on vg.id = an.vorgang_id join leistungen l on l.id = an.leistung_id
  join gemeinden g on g.ags = an.gemeinde_ags join tenants t on t.id = an.tenant_id
  left join formular_versionen fv on fv.id = an.formular_version_id`;

const toAntrag = (r: AntragRow, anlagen: AnlageRow[], nachrichten: NachrichtRow[]) => ({
  id: r.id,
  nummer: r.nummer,
  leistung: { id: r.leistung_id, name: r.leistung_name, leika: r.leika },
  gemeinde: { ags: r.gemeinde_ags, name: r.gemeinde_name },
  zustaendig: { id: r.tenant_id, name: r.tenant_name },
  status: r.vorgang_status,
  statusText: statusText(r.vorgang_status),
  vorgangId: r.vorgang_id,
  akteId: r.akte_id,
  quelle: r.quelle,
  formular: r.formular_id ? { id: r.formular_id, version: r.formular_version as number } : null,
  daten: r.daten,
  eingang: r.created_at.toISOString(),
  metadaten: r.metadaten,
  anlagen: anlagen.map((a) => ({
    nr: a.nr,
    dateiname: a.dateiname,
    mime: a.mime,
    groesse: Number(a.groesse),
    sha512: a.sha512,
    dokumentId: a.dokument_id,
    feld: a.feld ?? null,
  })),
  nachrichten: nachrichten.map((n) => ({
    id: n.id,
    art: n.art,
    text: n.text,
    dokumentId: n.dokument_id ?? null,
    offen: n.offen,
    zeit: n.created_at.toISOString(),
  })),
  definition: r.definition ?? null,
});

export type Antrag = ReturnType<typeof toAntrag>;

/** One Antrag with its attachments and messages (and its form definition), or null. */
export async function loadAntrag(trx: TenantTrx, where: RawBuilder<unknown>) {
  const { rows } = await sql<AntragRow>`${ANTRAG_SELECT} where ${where}`.execute(trx);
  if (!rows[0]) return null;
  const id = rows[0].id;
  const [anlagen, nachrichten] = await Promise.all([
    sql<AnlageRow>`select * from antrag_anlagen where antrag_id = ${id}::uuid order by nr`.execute(trx),
    sql<NachrichtRow>`select * from antrag_nachrichten where antrag_id = ${id}::uuid order by created_at, id`.execute(
      trx,
    ),
  ]);
  return toAntrag(rows[0], anlagen.rows, nachrichten.rows);
}

export const byId = (id: string) => sql`an.id = ${id}::uuid`;
export const byTrackingHash = (hash: string) => sql`an.tracking_hash = ${hash}`;

/** A page of the county's Anträge (newest first) without data, metadata and form, and the total. */
export async function listAntraege(
  trx: TenantTrx,
  filter: { status?: string; leistung?: string; limit: number; offset: number },
) {
  const where = sql`${filter.status ? sql`vg.status = ${filter.status}` : sql`true`} and ${filter.leistung ? sql`an.leistung_id = ${filter.leistung}` : sql`true`}`;
  const { rows } = await sql<AntragRow>`${ANTRAG_SELECT} where ${where}
    order by an.created_at desc limit ${filter.limit} offset ${filter.offset}`.execute(trx);
  const { rows: count } = await sql<{
    n: number;
  }>`select count(*)::int as n from antraege an join vorgaenge vg on vg.id = an.vorgang_id where ${where}`.execute(
    trx,
  );
  return {
    items: rows.map((r) => {
      const { definition: _d, daten: _x, metadaten: _m, ...rest } = toAntrag(r, [], []);
      return rest;
    }),
    total: count[0]!.n,
  };
}

/** The next Antrag number of the Verbund-wide sequence (drawn before the submission's transaction). */
export async function nextAntragNummer(database: DatabaseHandle) {
  const { rows } = await sql<{ n: string }>`select nextval('antrag_nummer_seq')::text as n`.execute(
    database.db,
  );
  return rows[0]!.n;
}

export async function antragIdForVorgang(trx: TenantTrx, vorgangId: string) {
  const { rows } = await sql<{
    id: string;
  }>`select id from antraege where vorgang_id = ${vorgangId}::uuid`.execute(trx);
  return rows[0]?.id ?? null;
}

/** Whether the Vorgang already holds a document whose first version has this file name. */
export async function hasDokumentNamed(trx: TenantTrx, vorgangId: string, fileName: string) {
  const existing =
    await sql`select 1 from dokumente d join dokument_versionen v on v.dokument_id = d.id and v.version = 1
    where d.vorgang_id = ${vorgangId}::uuid and v.dateiname = ${fileName}`.execute(trx);
  return existing.rows.length > 0;
}

/** The current version of a released Bescheid document (its file), or undefined. */
export function bescheidVersion(trx: TenantTrx, dokumentId: string) {
  return trx
    .selectFrom('dokument_versionen as v')
    .innerJoin('dokumente as d', (j) =>
      j.onRef('d.id', '=', 'v.dokument_id').onRef('d.aktuelle_version', '=', 'v.version'),
    )
    .select(['v.sha256', 'v.mime', 'v.dateiname'])
    .where('d.id', '=', dokumentId)
    .executeTakeFirst();
}
