import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import type { ModelRows } from './ablagevorschlag.classifier.ts';
import type { Klassen, Merkmal } from './ablagevorschlag.models.ts';

// All SQL of the filing suggestions. Everything runs in the county's transaction: a county's
// model is built from, and read by, that county alone (RLS on every table).

export type LearnDoc = Klassen & {
  id: string;
  titel: string;
  text: string | null;
  pending: boolean;
};
const DOC_COLUMNS = sql`d.id, d.unit_id::text as einheit, d.akte_id::text as akte, d.vorgang_id::text as vorgang,
  d.art, d.titel, left(dv.text, 5000) as text, d.text_status = 'pending' as pending`;
const DOC_FROM = sql`from dokumente d
  left join dokument_versionen dv on dv.tenant_id = d.tenant_id and dv.dokument_id = d.id and dv.version = d.aktuelle_version`;

/** Locks the county's model row (one learner at a time) and returns its watermark. */
export async function lockStand(trx: TenantTrx) {
  await sql`insert into ablage_stand (tenant_id) values (${trx.tenantId}) on conflict do nothing`.execute(
    trx,
  );
  await sql`select 1 from ablage_stand for update`.execute(trx);
}

/**
 * The next documents to learn from, after the watermark, oldest first – up to the first one whose
 * text is still being extracted (the watermark must not pass it, or it would never be learned).
 */
export async function nextDocuments(trx: TenantTrx, { limit }: { limit: number }) {
  const { rows } = await sql<LearnDoc>`select ${DOC_COLUMNS} ${DOC_FROM}
    left join ablage_stand s on s.tenant_id = d.tenant_id
    where (s.bis_created_at is null or (d.created_at, d.id) > (s.bis_created_at, s.bis_id))
    order by d.created_at, d.id
    limit ${limit}`.execute(trx);
  const firstPending = rows.findIndex((r) => r.pending);
  return firstPending < 0 ? rows : rows.slice(0, firstPending);
}

/** Takes (and deletes) the oldest notes of moved or deleted documents; their ids, each once. */
export async function takeChanges(trx: TenantTrx, { limit }: { limit: number }) {
  const { rows } = await sql<{ dokument_id: string }>`delete from ablage_aenderungen
    where id in (select id from ablage_aenderungen order by id limit ${limit}) returning dokument_id`.execute(
    trx,
  );
  return [...new Set(rows.map((r) => r.dokument_id))];
}

/** What the given documents contributed to the model, and their state now (if they still exist). */
export async function contributionsOf(trx: TenantTrx, ids: string[]) {
  const [learned, current] = await Promise.all([
    sql<
      Klassen & { dokument_id: string; terme: string[] }
    >`select dokument_id, einheit, akte, vorgang, art, terme
      from ablage_gelernt where dokument_id = any(${ids}::uuid[])`.execute(trx),
    sql<LearnDoc>`select ${DOC_COLUMNS} ${DOC_FROM} where d.id = any(${ids}::uuid[])`.execute(trx),
  ]);
  return { learned: learned.rows, current: current.rows };
}

export type Delta = { merkmal: Merkmal; klasse: string; term: string; anzahl: number };
export type ClassDelta = { merkmal: Merkmal; klasse: string; dokumente: number; terme: number };

/** Adds (or, negative, takes out) counts; rows that reach 0 are deleted. One statement per kind. */
export async function applyDeltas(
  trx: TenantTrx,
  { terms, classes }: { terms: Delta[]; classes: ClassDelta[] },
) {
  const up = terms.filter((t) => t.anzahl > 0);
  const down = terms.filter((t) => t.anzahl < 0);
  const cols = (ts: Delta[]) =>
    sql`unnest(${ts.map((t) => t.merkmal)}::text[], ${ts.map((t) => t.klasse)}::text[], ${ts.map((t) => t.term)}::text[], ${ts.map((t) => t.anzahl)}::int[])`;
  if (up.length)
    await sql`insert into ablage_terme (tenant_id, merkmal, klasse, term, anzahl)
      select ${trx.tenantId}, * from ${cols(up)}
      on conflict (tenant_id, merkmal, term, klasse) do update set anzahl = ablage_terme.anzahl + excluded.anzahl`.execute(
      trx,
    );
  // Two statements: a DELETE in the same statement as the UPDATE would not see the updated rows.
  if (down.length) {
    await sql`update ablage_terme t set anzahl = greatest(0, t.anzahl + d.anzahl) from ${cols(down)} as d(merkmal, klasse, term, anzahl)
      where t.merkmal = d.merkmal and t.klasse = d.klasse and t.term = d.term`.execute(trx);
    await sql`delete from ablage_terme t using ${cols(down)} as d(merkmal, klasse, term, anzahl)
      where t.anzahl = 0 and t.merkmal = d.merkmal and t.klasse = d.klasse and t.term = d.term`.execute(trx);
  }
  const grow = classes.filter((c) => c.dokumente > 0 || (c.dokumente === 0 && c.terme >= 0));
  const shrink = classes.filter((c) => !grow.includes(c));
  const ccols = (cs: ClassDelta[]) =>
    sql`unnest(${cs.map((c) => c.merkmal)}::text[], ${cs.map((c) => c.klasse)}::text[], ${cs.map((c) => c.dokumente)}::int[], ${cs.map((c) => c.terme)}::bigint[])`;
  if (grow.length)
    await sql`insert into ablage_klassen (tenant_id, merkmal, klasse, dokumente, terme)
      select ${trx.tenantId}, * from ${ccols(grow)}
      on conflict (tenant_id, merkmal, klasse) do update
        set dokumente = ablage_klassen.dokumente + excluded.dokumente, terme = ablage_klassen.terme + excluded.terme`.execute(
      trx,
    );
  if (shrink.length) {
    await sql`update ablage_klassen k set dokumente = greatest(0, k.dokumente + d.dokumente), terme = greatest(0, k.terme + d.terme)
      from ${ccols(shrink)} as d(merkmal, klasse, dokumente, terme) where k.merkmal = d.merkmal and k.klasse = d.klasse`.execute(
      trx,
    );
    await sql`delete from ablage_klassen k using ${ccols(shrink)} as d(merkmal, klasse, dokumente, terme)
      where k.dokumente = 0 and k.merkmal = d.merkmal and k.klasse = d.klasse`.execute(trx);
  }
}

/** Records what documents contributed (replacing an earlier record) and forgets others'. */
export async function saveContributions(
  trx: TenantTrx,
  { save, drop }: { save: Array<Klassen & { dokument_id: string; terme: string[] }>; drop: string[] },
) {
  if (drop.length)
    await sql`delete from ablage_gelernt where dokument_id = any(${drop}::uuid[])`.execute(trx);
  if (save.length === 0) return;
  // The terms travel as one JSON array of arrays (unnest cannot take a text[][] of ragged rows).
  await sql`insert into ablage_gelernt (tenant_id, dokument_id, einheit, akte, vorgang, art, terme)
    select ${trx.tenantId}, x.dokument_id, x.einheit, x.akte, x.vorgang, x.art,
      array(select jsonb_array_elements_text(x.terme))
    from jsonb_to_recordset(${JSON.stringify(save)}::jsonb)
      as x(dokument_id uuid, einheit text, akte text, vorgang text, art text, terme jsonb)
    on conflict (tenant_id, dokument_id) do update set einheit = excluded.einheit, akte = excluded.akte,
      vorgang = excluded.vorgang, art = excluded.art, terme = excluded.terme`.execute(trx);
}

/** Moves the watermark to the last learned document and bumps the model version. */
export async function advance(
  trx: TenantTrx,
  { lastId, changed }: { lastId: string | null; changed: boolean },
) {
  // The watermark's time is read in SQL: a JavaScript Date would cut the microseconds off, and the
  // documents of that very millisecond would be learned again and again.
  if (lastId)
    await sql`update ablage_stand set bis_id = ${lastId}::uuid,
      bis_created_at = (select created_at from dokumente where id = ${lastId}::uuid), updated_at = now()`.execute(
      trx,
    );
  if (changed)
    await sql`update ablage_stand set version = version + 1, dokumente = (select count(*) from ablage_gelernt),
      updated_at = now()`.execute(trx);
}

/** The county's model version (one round trip; null: nothing learned yet). */
export async function modelVersion(database: DatabaseHandle, tenantId: string) {
  const [row] = await database.executeAsTenant(
    tenantId,
    sql<{ version: string }>`select version from ablage_stand`,
  );
  return row ? Number(row.version) : null;
}

/**
 * The county's counts for the in-memory classifier, at most `perClass` features per class (the most
 * frequent) and `maxClasses` classes per Merkmal (those with the most documents). An Akte closed
 * (z.d.A.) takes no documents, so neither it nor its Vorgänge are suggested.
 */
export async function loadModelRows(
  trx: TenantTrx,
  { perClass, maxClasses }: { perClass: number; maxClasses: number },
): Promise<ModelRows & { version: number }> {
  const stand = await sql<{ version: string }>`select version from ablage_stand`.execute(trx);
  const classes = await sql<
    ModelRows['classes'][number]
  >`select merkmal, klasse, dokumente, terme::int as terme from (
      select k.*, row_number() over (partition by k.merkmal order by k.dokumente desc, k.klasse) as r
      from ablage_klassen k
      left join akten a on k.merkmal = 'akte' and a.id::text = k.klasse
      left join vorgaenge v on k.merkmal = 'vorgang' and v.id::text = k.klasse
      left join akten va on va.id = v.akte_id
      where k.dokumente > 0 and a.status is distinct from 'zda' and va.status is distinct from 'zda') x
    where r <= ${maxClasses}`.execute(trx);
  const terms = await sql<ModelRows['terms'][number]>`select merkmal, klasse, term, anzahl from (
      select t.*, row_number() over (partition by t.merkmal, t.klasse order by t.anzahl desc, t.term) as r
      from ablage_terme t where t.anzahl > 0) x
    where r <= ${perClass}`.execute(trx);
  const vocabulary = await sql<{ n: number }>`select count(distinct term)::int as n from ablage_terme
    where merkmal = 'art'`.execute(trx);
  return {
    version: Number(stand.rows[0]?.version ?? -1),
    classes: classes.rows,
    terms: terms.rows,
    vocabulary: vocabulary.rows[0]?.n ?? 0,
  };
}

export type VorgangRow = { id: string; betreff: string; externe_referenz: string | null };

/**
 * The Vorgänge of the county's open Akten, the newest `limit` first: their own Betreff and external
 * reference are features of their class from the moment they exist (ablagevorschlag.vorgaenge.ts).
 */
export async function loadVorgaenge(trx: TenantTrx, { limit }: { limit: number }) {
  const { rows } = await sql<VorgangRow>`select v.id::text as id, v.betreff, v.externe_referenz
    from vorgaenge v join akten a on a.id = v.akte_id
    where a.status is distinct from 'zda'
    order by v.created_at desc, v.id limit ${limit}`.execute(trx);
  return rows;
}

/**
 * Whether a Vorgang was created or changed after the model's last change: then the model version
 * goes up, so that processes holding the classifier load the Vorgang's own features.
 */
export async function vorgaengeChanged(trx: TenantTrx) {
  const { rows } = await sql<{ changed: boolean }>`select exists(
      select 1 from vorgaenge v, ablage_stand s where greatest(v.created_at, v.updated_at) > s.updated_at
    ) as changed`.execute(trx);
  return rows[0]?.changed ?? false;
}

/** What a learned document contributed (its classes and features), or undefined (one round trip). */
export async function learnedOf(database: DatabaseHandle, tenantId: string, dokumentId: string) {
  const [row] = await database.executeAsTenant(
    tenantId,
    sql<Klassen & { terme: string[] }>`select einheit, akte, vorgang, art, terme from ablage_gelernt
      where dokument_id = ${dokumentId}::uuid`,
  );
  return row;
}
