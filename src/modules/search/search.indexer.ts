import { type RawBuilder, sql } from 'kysely';
import type { TenantTrx } from '../../platform/database/database.ts';
import type { MetadataField } from '../../platform/database/database.types.ts';
import { ANALYZER_VERSION } from './analyzer/german-analyzer.ts';
import { searchVectors } from './analyzer/search-vectors.ts';
import { extractReferences } from './search.models.ts';

/**
 * The indexer: the only author of a document's search columns (`refs`, `search`, `search_head`).
 * Filing adds its piece to the one-round-trip insert (newDokumentIndex), extraction sets the columns
 * in its own statements (searchColumnsSet), a change of metadata or version re-indexes
 * (reindexDokument).
 */

/** What search indexes besides title and content: metadata of the document, its Vorgang and Akte. */
export type IndexContext = {
  titel: string;
  absender: string | null;
  empfaenger: string | null;
  aktenzeichen: string;
  akte_titel: string;
  betreff: string;
  externe_referenz: string | null;
  dateiname: string;
  metadaten: MetadataField[];
};

/**
 * What the index stores of a document: weight-B text, the reference numbers (Aktenzeichen,
 * Drucksachen-Nr., e-mail addresses) and the two tsvector literals built by the German analyzer.
 */
export function indexTerms(ctx: IndexContext, content: string | null) {
  const values = ctx.metadaten.map((m) => String(m.wert)).join(' ');
  const meta = [
    ctx.absender,
    ctx.empfaenger,
    ctx.aktenzeichen,
    ctx.akte_titel,
    ctx.betreff,
    ctx.externe_referenz,
    ctx.dateiname,
    values,
  ]
    .filter(Boolean)
    .join(' ');
  const refs = extractReferences(
    `${ctx.titel} ${ctx.aktenzeichen} ${ctx.externe_referenz ?? ''} ${values} ${content ?? ''}`,
  );
  const { search, head } = searchVectors({ titel: ctx.titel, meta, content });
  return { meta, refs, search, head };
}

/**
 * The search columns of a new document, for an `insert … select`: the column list, their values,
 * and the source the values read (`from ${source}`). Without content (the text is extracted
 * later, by the job) the whole-document vector is the title/metadata one; with the content read
 * before filing (bulk import) it is the full one.
 */
export function newDokumentIndex(ctx: IndexContext, content: string | null = null) {
  const { refs, head, search } = indexTerms(ctx, content);
  return {
    columns: sql`refs, search, search_head, search_version`,
    values: sql`${refs}::text[], ${content === null ? head : search}::tsvector, ${head}::tsvector, ${ANALYZER_VERSION}::smallint`,
    source: sql`(select 1) h`,
  };
}

/** `set` assignments of the search columns (the analyzer's vectors and the references, as SQL). */
export const searchColumnsSet = (p: {
  search: RawBuilder<unknown>;
  head: RawBuilder<unknown>;
  refs: RawBuilder<unknown>;
}) =>
  sql`refs = ${p.refs}, search = (${p.search})::tsvector, search_head = (${p.head})::tsvector,
      search_version = ${ANALYZER_VERSION}::smallint`;

/** Loads the index context of a document (and, if asked, its current text) in one query. */
async function loadIndexContext(trx: TenantTrx, dokumentId: string) {
  const { rows } = await sql<
    IndexContext & { text: string | null; aktuelle_version: number; akte_status: string }
  >`
    select d.titel, d.absender, d.empfaenger, d.metadaten, d.aktuelle_version, a.aktenzeichen, a.titel as akte_titel,
           a.status as akte_status, vg.betreff, vg.externe_referenz, dv.dateiname, dv.text
    from dokumente d join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id
    join dokument_versionen dv on dv.dokument_id = d.id and dv.version = d.aktuelle_version
    where d.id = ${dokumentId}::uuid`.execute(trx);
  return rows[0]!;
}

/** Recomputes a document's search vector and reference numbers from its metadata and current text. */
export async function reindexDokument(trx: TenantTrx, dokumentId: string, text?: string | null) {
  const ctx = await loadIndexContext(trx, dokumentId);
  const content = text === undefined ? ctx.text : text;
  const { refs, search, head } = indexTerms(ctx, content);
  await sql`update dokumente set ${searchColumnsSet({
    search: sql`${search}`,
    head: sql`${head}`,
    refs: sql`${refs}::text[]`,
  })}
    where id = ${dokumentId}::uuid`.execute(trx);
}
