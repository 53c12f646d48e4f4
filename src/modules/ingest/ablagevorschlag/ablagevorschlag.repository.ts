import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import type { ClassStats, Merkmal } from './ablagevorschlag.models.ts';

// All SQL of the filing suggestions. Everything runs in the county's transaction: a county's
// model is built from, and read by, that county alone (RLS on every table).

export type LearnDoc = {
  id: string;
  created_at: Date;
  unit_id: string;
  vorgang_id: string;
  art: string;
  text: string;
};

/**
 * The next documents to learn from, after the watermark, oldest first – up to the first one whose
 * text is still being extracted (the watermark must not pass it, or it would never be learned).
 */
export async function nextDocuments(trx: TenantTrx, { limit }: { limit: number }) {
  const { rows } = await sql<LearnDoc & { pending: boolean }>`
    select d.id, d.created_at, d.unit_id, d.vorgang_id, d.art, d.text_status = 'pending' as pending,
           d.titel || ' ' || coalesce(left(dv.text, 5000), '') as text
    from dokumente d
    join dokument_versionen dv on dv.tenant_id = d.tenant_id and dv.dokument_id = d.id and dv.version = d.aktuelle_version
    left join ablage_stand s on s.tenant_id = d.tenant_id
    where (s.bis_created_at is null or (d.created_at, d.id) > (s.bis_created_at, s.bis_id))
    order by d.created_at, d.id
    limit ${limit}`.execute(trx);
  const firstPending = rows.findIndex((r) => r.pending);
  return firstPending < 0 ? rows : rows.slice(0, firstPending);
}

/** Adds counted terms and class totals (one statement each) and moves the watermark. */
export async function addCounts(
  trx: TenantTrx,
  {
    terms,
    classes,
    last,
    documents,
  }: {
    terms: Array<{ merkmal: Merkmal; klasse: string; term: string; anzahl: number }>;
    classes: Array<{ merkmal: Merkmal; klasse: string; dokumente: number; terme: number }>;
    last: { created_at: Date; id: string };
    documents: number;
  },
) {
  if (terms.length)
    await sql`insert into ablage_terme (tenant_id, merkmal, klasse, term, anzahl)
      select ${trx.tenantId}, * from unnest(${terms.map((t) => t.merkmal)}::text[], ${terms.map((t) => t.klasse)}::text[],
        ${terms.map((t) => t.term)}::text[], ${terms.map((t) => t.anzahl)}::int[])
      on conflict (tenant_id, merkmal, term, klasse) do update set anzahl = ablage_terme.anzahl + excluded.anzahl`.execute(
      trx,
    );
  await sql`insert into ablage_klassen (tenant_id, merkmal, klasse, dokumente, terme)
    select ${trx.tenantId}, * from unnest(${classes.map((c) => c.merkmal)}::text[], ${classes.map((c) => c.klasse)}::text[],
      ${classes.map((c) => c.dokumente)}::int[], ${classes.map((c) => c.terme)}::bigint[])
    on conflict (tenant_id, merkmal, klasse) do update
      set dokumente = ablage_klassen.dokumente + excluded.dokumente, terme = ablage_klassen.terme + excluded.terme`.execute(
    trx,
  );
  // The watermark's time is read in SQL: a JavaScript Date would cut the microseconds off, and the
  // documents of that very millisecond would be learned again and again.
  await sql`insert into ablage_stand (tenant_id, bis_created_at, bis_id, dokumente, vokabular)
    values (${trx.tenantId}, (select created_at from dokumente where id = ${last.id}::uuid), ${last.id}::uuid,
            ${documents}, (select count(distinct term) from ablage_terme))
    on conflict (tenant_id) do update set bis_created_at = excluded.bis_created_at, bis_id = excluded.bis_id,
      dokumente = ablage_stand.dokumente + excluded.dokumente, vokabular = excluded.vokabular, updated_at = now()`.execute(
    trx,
  );
}

/** What ranking needs for the given terms: classes, their counts of these terms, vocabulary size. */
export async function modelFor(trx: TenantTrx, { merkmal, terms }: { merkmal: Merkmal; terms: string[] }) {
  const [classes, counts, stand] = await Promise.all([
    sql<ClassStats>`select klasse, dokumente, terme::int as terme from ablage_klassen where merkmal = ${merkmal}`.execute(
      trx,
    ),
    sql<{ klasse: string; term: string; anzahl: number }>`select klasse, term, anzahl from ablage_terme
      where merkmal = ${merkmal} and term = any(${terms}::text[])`.execute(trx),
    sql<{ vokabular: number }>`select vokabular from ablage_stand`.execute(trx),
  ]);
  const byClass = new Map<string, Map<string, number>>();
  for (const r of counts.rows) {
    const m = byClass.get(r.klasse) ?? new Map<string, number>();
    m.set(r.term, r.anzahl);
    byClass.set(r.klasse, m);
  }
  return { classes: classes.rows, counts: byClass, vocabulary: stand.rows[0]?.vokabular ?? 0 };
}
