import { type RawBuilder, sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import type { MetadataField, Vertraulichkeit } from '../../../platform/database/database.types.ts';
import { jobInsert, jobWakeUp } from '../../../platform/jobs/job-statements.ts';
import { finishJobs } from '../../../platform/jobs/jobs.ts';
import { indexTerms, searchColumnsSet } from '../../search/search.module.ts';
import { EXTRACT_JOB } from './dokumente.models.ts';

export type VersionRow = {
  dokument_id: string;
  version: number;
  sha256: string;
  mime: string;
  dateiname: string;
  text_status: string;
  aktuelle_version: number;
  vorgang_id: string;
  akte_id: string;
  vertraulichkeit: Vertraulichkeit;
  datum: string;
  titel: string;
  absender: string | null;
  empfaenger: string | null;
  metadaten: MetadataField[];
  aktenzeichen: string;
  akte_titel: string;
  akte_status: string;
  betreff: string;
  externe_referenz: string | null;
};
// The version, its document and everything the search index needs.
const VERSION_COLUMNS = `dv.dokument_id, dv.version, dv.sha256, dv.mime, dv.dateiname, dv.text_status, d.aktuelle_version,
  d.vorgang_id, d.akte_id, d.vertraulichkeit, d.datum, d.titel, d.absender, d.empfaenger, d.metadaten, a.aktenzeichen,
  a.titel as akte_titel, a.status as akte_status, vg.betreff, vg.externe_referenz
  from dokument_versionen dv join dokumente d on d.id = dv.dokument_id
  join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id`;

/** What an extraction writes: the version's text and state. */
export type ExtractionResult = {
  text: string;
  status: 'done' | 'failed';
  fehler: string | null;
  extractor: string | null;
  seiten: number | null;
};

/** The version, its document and everything the search index needs, in one query. */
export async function loadVersion(trx: TenantTrx, dokumentId: string, version: number) {
  const { rows } = await sql<VersionRow>`
    select ${sql.raw(VERSION_COLUMNS)}
    where dv.dokument_id = ${dokumentId}::uuid and dv.version = ${version}`.execute(trx);
  return rows[0];
}

/** The claimed versions of one county, in one round trip. */
export async function loadVersions(
  database: DatabaseHandle,
  tenantId: string,
  keys: Array<{ d: string; v: number }>,
) {
  return database.executeAsTenant(
    tenantId,
    sql<VersionRow>`select ${sql.raw(VERSION_COLUMNS)}
      join jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(d uuid, v int) on dv.dokument_id = k.d and dv.version = k.v`,
  );
}

/** The index terms of an extracted version, if it is its document's current one. */
const termsOf = (row: VersionRow, text: string) =>
  row.aktuelle_version === row.version ? indexTerms(row, text) : null;

/** One statement: the version's text and, for the current version, the document's index entry. */
export async function writeExtraction(trx: TenantTrx, row: VersionRow, result: ExtractionResult) {
  const { text, status, fehler, extractor, seiten } = result;
  const current = row.aktuelle_version === row.version;
  const terms = termsOf(row, text);
  await sql`
    with v as (
      update dokument_versionen set text = ${text}, text_status = ${status}, text_fehler = ${fehler},
             extractor = ${extractor}, seiten = ${seiten}
      where dokument_id = ${row.dokument_id}::uuid and version = ${row.version}
    )
    update dokumente set text_status = ${status}, text_fehler = ${fehler}, ${searchColumnsSet({
      search: sql`${terms?.search ?? ''}`,
      head: sql`${terms?.head ?? ''}`,
      refs: sql`${terms?.refs ?? []}::text[]`,
    })}
    where id = ${row.dokument_id}::uuid and ${current}`.execute(trx);
}

/**
 * All texts, index entries and the jobs' completion of a batch in one statement: one round trip
 * and one commit for the batch instead of five per document.
 */
export async function writeExtractions(
  database: DatabaseHandle,
  {
    tenantId,
    results,
    jobIds,
    owner,
  }: {
    tenantId: string;
    results: Array<{ row: VersionRow; result: ExtractionResult }>;
    jobIds: string[];
    owner?: string;
  },
) {
  const input = results.map(({ row, result }) => {
    const terms = termsOf(row, result.text);
    return {
      dokument_id: row.dokument_id,
      version: row.version,
      text: result.text,
      status: result.status,
      fehler: result.fehler,
      extractor: result.extractor,
      seiten: result.seiten,
      current: row.aktuelle_version === row.version,
      search: terms?.search ?? '',
      head: terms?.head ?? '',
      refs: terms?.refs ?? [],
    };
  });
  const column = (name: string): RawBuilder<unknown> => sql.ref(name);
  await database.executeAsTenant(
    tenantId,
    sql`
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(dokument_id uuid, version int,
          text text, status text, fehler text, extractor text, seiten int, current boolean, search text, head text, refs text[])
      ), v as (
        update dokument_versionen dv set text = i.text, text_status = i.status, text_fehler = i.fehler,
               extractor = i.extractor, seiten = i.seiten
        from input i where dv.dokument_id = i.dokument_id and dv.version = i.version
      ), d as (
        update dokumente d set text_status = i.status, text_fehler = i.fehler, ${searchColumnsSet({
          search: column('i.search'),
          head: column('i.head'),
          refs: column('i.refs'),
        })}
        from input i where d.id = i.dokument_id and i.current
      )
      ${finishJobs({ jobIds, owner })}`,
  );
}

/** A given-up extraction: the version and (if current) the document say why. */
export async function markExtractionFailed(
  trx: TenantTrx,
  p: { dokumentId: string; version: number; reason: string },
) {
  await sql`
    with v as (
      update dokument_versionen set text_status = 'failed', text_fehler = ${p.reason}
      where dokument_id = ${p.dokumentId}::uuid and version = ${p.version} and text_status = 'pending'
      returning dokument_id, version
    )
    update dokumente d set text_status = 'failed', text_fehler = ${p.reason}
    from v where d.id = v.dokument_id and d.aktuelle_version = v.version`.execute(trx);
}

/**
 * Puts extracted versions back into the queue (pending, a new extraction job each): for scans that
 * were stored while OCR was not available and are read now that it is.
 */
export async function requeueExtraction(
  trx: TenantTrx,
  keys: Array<{ dokumentId: string; version: number }>,
) {
  if (keys.length === 0) return;
  const input = JSON.stringify(keys.map((k) => ({ d: k.dokumentId, v: k.version })));
  await sql`
    with k as (select * from jsonb_to_recordset(${input}::jsonb) as x(d uuid, v int)),
    v as (
      update dokument_versionen dv set text_status = 'pending', text_fehler = null
      from k where dv.dokument_id = k.d and dv.version = k.v returning dv.dokument_id, dv.version
    ), d as (
      update dokumente d set text_status = 'pending', text_fehler = null
      from v where d.id = v.dokument_id and d.aktuelle_version = v.version
    ),
    j as (${jobInsert(trx.tenantId, [
      {
        kind: EXTRACT_JOB,
        payload: sql`jsonb_build_object('dokumentId', v.dokument_id, 'version', v.version)`,
        maxAttempts: 5,
        from: sql`v`,
      },
    ])})
    select ${jobWakeUp(EXTRACT_JOB)}`.execute(trx);
}
