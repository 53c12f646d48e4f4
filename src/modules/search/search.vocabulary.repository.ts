import { sql } from 'kysely';
import type { TenantTrx } from '../../platform/database/database.ts';
import { keyTsquery } from './analyzer/tsquery.ts';
import type { DokumentScope } from './search.filters.repository.ts';

/**
 * The county's search vocabulary (table search_vocabulary, filled by a trigger whenever a search
 * vector is written, migration 0016, and for documents the bulk import files with their text by
 * addVocabularyOf, migration 0080) and the checks of "Meinten Sie …?". Every query runs in the
 * tenant transaction: row-level security keeps other counties' words out.
 */

/** Documents the caller may see: with full clearance all of the county, else the viewer rule's. */
/**
 * The documents with a key that the person may see. Without full clearance only the first
 * PROBE_DOCUMENTS documents with the key are looked at: a word that is only in hidden documents
 * would otherwise read all of them (1.5 s for a word of confidential files at a million documents).
 * A key whose visible documents all lie beyond them counts as not found – for a suggestion that is
 * shown only when the corrected query finds something.
 */
const PROBE_DOCUMENTS = 2_000;
const visibleWith = (scope: DokumentScope, tsquery: string) =>
  scope.seesAll
    ? sql`dokumente d where d.search @@ ${tsquery}::tsquery`
    : scope.onRows
      ? // The rule on the document's own columns (withRowVisibility): no join per document.
        sql`(select d.* from dokumente d where d.search @@ ${tsquery}::tsquery limit ${PROBE_DOCUMENTS}) d
        where ${scope.onRows}`
      : sql`(select d.* from dokumente d where d.search @@ ${tsquery}::tsquery limit ${PROBE_DOCUMENTS}) d
        join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id where ${scope.visible}`;

/**
 * The settings of this transaction's look-ups: `%` compares with the similarity threshold of the
 * setting; every look-up is one probe that stops at the first match, and the planner would take
 * a sequential scan for that (expecting a match early) and read every vector of a word that is in
 * no document – the indexes are always right here.
 */
export async function settingsForSuggestions(trx: TenantTrx, { threshold }: { threshold: number }) {
  await sql`select set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true),
                   set_config('enable_seqscan', 'off', true)`.execute(trx);
}

/** Whether a document the caller may see matches `tsquery` (a literal of the analyzer). */
export async function hasVisibleMatch(
  trx: TenantTrx,
  { scope, tsquery }: { scope: DokumentScope; tsquery: string },
) {
  const { rows } = await sql<{ found: boolean }>`
    select exists (select from ${visibleWith(scope, tsquery)}) as found`.execute(trx);
  return rows[0]!.found;
}

/** A vocabulary key similar to a query word. */
export type SimilarKey = { schluessel: string; gefaltet: string; aehnlichkeit: number };

/**
 * The `candidates` vocabulary keys most similar to one of `forms` (a query word folded like
 * `gefaltet`: as typed, and its analysis) by trigram similarity of at least the threshold of
 * settingsForSuggestions, through the trigram index (GIN, `%`). Only candidates: whether a person
 * may be shown one is visibleDokumentWith's question.
 */
export async function similarKeys(
  trx: TenantTrx,
  { forms, candidates }: { forms: string[]; candidates: number },
): Promise<SimilarKey[]> {
  const { rows } = await sql<{ schluessel: string; gefaltet: string; s: number }>`
    select * from (
      select distinct on (x.schluessel) x.* from unnest(${forms}::text[]) f
      cross join lateral (
        select v.schluessel, v.gefaltet, similarity(v.gefaltet, f) as s from search_vocabulary v
        where v.gefaltet % f
        order by s desc, v.schluessel limit ${candidates}
      ) x
      order by x.schluessel, x.s desc
    ) y
    order by y.s desc, y.schluessel limit ${candidates}`.execute(trx);
  return rows.map((r) => ({ schluessel: r.schluessel, gefaltet: r.gefaltet, aehnlichkeit: Number(r.s) }));
}

/**
 * A document the caller may see that contains the vocabulary key – as a word or as a part of
 * compounds –, or null: one probe of the full-text index that stops at the first visible match.
 */
export async function visibleDokumentWith(
  trx: TenantTrx,
  { scope, schluessel, limit = 1 }: { scope: DokumentScope; schluessel: string; limit?: number },
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select d.id from ${visibleWith(scope, keyTsquery(schluessel))} limit ${limit}`.execute(trx);
  return rows.map((r) => r.id);
}

/** Title and current text (first 200,000 characters) of one document: where a key is spelled out. */
export async function dokumentWords(trx: TenantTrx, dokumentId: string) {
  const { rows } = await sql<{ titel: string; text: string | null }>`
    select d.titel, left(dv.text, 200000) as text from dokumente d
    left join dokument_versionen dv on dv.dokument_id = d.id and dv.version = d.aktuelle_version
    where d.id = ${dokumentId}::uuid`.execute(trx);
  return rows[0] ? `${rows[0].titel}\n${rows[0].text ?? ''}` : '';
}

/**
 * Adds the keys of these documents' search vectors to the county's vocabulary (migration 0080):
 * for documents filed with their text (bulk import), whose vectors no update wrote. Keys the
 * vocabulary has are skipped; ids of other counties' documents find nothing (row-level security).
 */
export async function addVocabularyOf(trx: TenantTrx, dokumentIds: string[]) {
  if (dokumentIds.length === 0) return;
  await sql`select verbund_vocabulary_add(${dokumentIds}::uuid[])`.execute(trx);
}
