import { sql } from 'kysely';
import type { TenantTrx } from '../../platform/database/database.ts';
import type { DokumentScope } from './search.repository.ts';

/**
 * The county's search vocabulary (table search_vocabulary, filled by a trigger whenever a search
 * vector is written; migration 0016) and the checks of "Meinten Sie …?". Every query runs in the
 * tenant transaction: row-level security keeps other counties' words out.
 */

/** Documents the caller may see: with full clearance all of the county, else the viewer rule's. */
const visibleDokumente = (scope: DokumentScope) =>
  scope.seesAll
    ? { from: sql`dokumente d`, where: sql`true` }
    : {
        from: sql`dokumente d join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id`,
        where: scope.visible,
      };

/** Whether a document the caller may see matches `tsquery` (a literal of the analyzer). */
export async function hasVisibleMatch(
  trx: TenantTrx,
  { scope, tsquery }: { scope: DokumentScope; tsquery: string },
) {
  const visible = visibleDokumente(scope);
  const { rows } = await sql<{ found: boolean }>`
    select exists (
      select from ${visible.from} where d.search @@ ${tsquery}::tsquery and ${visible.where}) as found`.execute(
    trx,
  );
  return rows[0]!.found;
}

/**
 * The vocabulary key most similar to `folded` (a query word, folded like `gefaltet`) that occurs
 * in a document the caller may see – as a word or as a part of compounds –, with one such
 * document; null when there is none.
 *
 * The trigram index (GIN, `%`) finds the `candidates` most similar keys above `threshold`; only
 * these are checked against the documents, each with one probe of the full-text index that stops
 * at the first visible match. A key of documents the caller may not see is never returned.
 */
export async function similarVisibleKey(
  trx: TenantTrx,
  {
    scope,
    folded,
    threshold,
    candidates,
  }: { scope: DokumentScope; folded: string; threshold: number; candidates: number },
) {
  const visible = visibleDokumente(scope);
  // `%` compares with the threshold of the setting; local to this transaction.
  await sql`select set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true)`.execute(trx);
  // The keys hold letters only (the trigger leaves out everything else), so quoting them in the
  // tsquery needs nothing but the quotes.
  const { rows } = await sql<{ schluessel: string; dokument_id: string }>`
    select c.schluessel, m.id as dokument_id from (
      select v.schluessel, similarity(v.gefaltet, ${folded}) as s from search_vocabulary v
      where v.gefaltet % ${folded}
      order by s desc, v.schluessel limit ${candidates}
    ) c
    cross join lateral (
      select d.id from ${visible.from}
      where d.search @@ (quote_literal(c.schluessel) || ' | ' || quote_literal('_' || c.schluessel))::tsquery
        and ${visible.where}
      limit 1
    ) m
    order by c.s desc, c.schluessel
    limit 1`.execute(trx);
  const row = rows[0];
  return row ? { schluessel: row.schluessel, dokumentId: row.dokument_id } : null;
}

/** Title and current text (first 200,000 characters) of one document: where a key is spelled out. */
export async function dokumentWords(trx: TenantTrx, dokumentId: string) {
  const { rows } = await sql<{ titel: string; text: string | null }>`
    select d.titel, left(dv.text, 200000) as text from dokumente d
    left join dokument_versionen dv on dv.dokument_id = d.id and dv.version = d.aktuelle_version
    where d.id = ${dokumentId}::uuid`.execute(trx);
  return rows[0] ? `${rows[0].titel}\n${rows[0].text ?? ''}` : '';
}
