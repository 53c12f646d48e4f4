import { sql } from 'kysely';
import type { DatabaseHandle } from '../../platform/database/database.ts';
import type { MetadataField, Vertraulichkeit } from '../../platform/database/database.types.ts';
import {
  type BatchJobHandler,
  finishJobs,
  type JobGivenUpHandler,
  type JobHandler,
} from '../../platform/jobs/jobs.ts';
import type { Logger } from '../../platform/logger.ts';
import { cleanFileName } from '../../shared/text.ts';
import { appendAuditEvent } from '../audit/audit.module.ts';
import type { BlobStore } from '../blobs/blobs.module.ts';
import { ByteStream } from '../../platform/parsers/bounded-wire.ts';
import { ExtractionError, type ExtractorRegistry } from '../ingest/ingest.module.ts';
import { EXTRACT_JOB, indexTerms, insertDokumentInTrx } from './dokumente.usecases.ts';

const MAX_ATTACHMENTS = 50;

type VersionRow = {
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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Extracted = {
  text: string;
  status: 'done' | 'failed';
  fehler: string | null;
  extractor: string | null;
  seiten: number | null;
  attachments: Array<{ fileName: string; mime: string; bytes: Buffer }>;
};

/** Reads and extracts one version; a file that cannot be read is a result, anything else throws. */
async function extractVersion(
  { blobs, extractors, logger }: { blobs: BlobStore; extractors: ExtractorRegistry; logger: Logger },
  row: VersionRow,
): Promise<Extracted> {
  try {
    // The blob is read only if some extractor takes the type, only when a parser is free for it
    // (queued versions hold no bytes), and streamed to the parser with its hash checked on the way;
    // a read error is no ExtractionError and reaches the queue.
    const bytes = async () => {
      const { size, body } = await blobs.stream(row.sha256);
      return new ByteStream(size, body);
    };
    const result = await extractors.extract({ bytes, mime: row.mime, fileName: row.dateiname });
    return {
      // PostgreSQL text cannot hold NUL; extractors strip it, this is the last line of defence.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL cannot be stored in PostgreSQL text
      text: result.text.replace(/\u0000/g, ''),
      status: 'done',
      fehler: null,
      extractor: result.extractor,
      seiten: result.pages ?? null,
      attachments: result.attachments ?? [],
    };
  } catch (error) {
    if (!(error instanceof ExtractionError)) throw error;
    logger.info(
      { dokumentId: row.dokument_id, version: row.version, reason: error.reasonCode },
      'text extraction failed',
    );
    return {
      text: '',
      status: 'failed',
      fehler: error.message,
      extractor: error.reasonCode,
      seiten: null,
      attachments: [],
    };
  }
}

/**
 * The background job that turns a stored version into searchable text. A file that cannot be read
 * (malformed, encrypted, unsupported) is not an error of the job: the version is marked failed
 * with the reason and the job completes. Anything else (storage down, corrupt blob) throws, and the
 * queue retries with backoff. E-mail attachments become documents of their own in the same Vorgang.
 */
export function createExtractionJob({
  blobs,
  extractors,
  logger,
}: {
  blobs: BlobStore;
  extractors: ExtractorRegistry;
  logger: Logger;
}): [string, JobHandler] {
  const handler: JobHandler = async ({ trx, payload }) => {
    const dokumentId = String(payload.dokumentId);
    const version = Number(payload.version);
    // The version, its document and everything the search index needs, in one query.
    const { rows } = await sql<VersionRow>`
      select ${sql.raw(VERSION_COLUMNS)}
      where dv.dokument_id = ${dokumentId}::uuid and dv.version = ${version}`.execute(trx);
    const row = rows[0];
    if (!row || row.text_status !== 'pending') return;

    const { text, status, fehler, extractor, seiten, attachments } = await extractVersion(
      { blobs, extractors, logger },
      row,
    );
    const current = row.aktuelle_version === version;
    const terms = current ? indexTerms(row, text) : null;
    // One statement: the version's text and, for the current version, the document's index entry.
    await sql`
      with v as (
        update dokument_versionen set text = ${text}, text_status = ${status}, text_fehler = ${fehler},
               extractor = ${extractor}, seiten = ${seiten}
        where dokument_id = ${dokumentId}::uuid and version = ${version}
      )
      update dokumente set text_status = ${status}, text_fehler = ${fehler}, refs = ${terms?.refs ?? []}::text[],
             search = verbund_search_vector(titel, ${terms?.meta ?? ''}, ${text}),
             search_head = verbund_search_head(titel, ${terms?.meta ?? ''})
      where id = ${dokumentId}::uuid and ${current}`.execute(trx);

    if (attachments.length > 0 && version === 1 && row.akte_status === 'offen') {
      for (const attachment of attachments.slice(0, MAX_ATTACHMENTS)) {
        const blob = await blobs.put(attachment.bytes);
        await insertDokumentInTrx(
          trx,
          'system:extraction',
          { id: row.vorgang_id, akteId: row.akte_id },
          { fileName: attachment.fileName, blob },
          {
            titel: `Anlage: ${cleanFileName(attachment.fileName)}`,
            art: 'eingang',
            datum: row.datum,
            vertraulichkeit: row.vertraulichkeit,
            parentDokumentId: dokumentId,
          },
        );
      }
      await appendAuditEvent(trx, {
        actor: 'system:extraction',
        action: 'records.attachments_filed',
        objectType: 'dokument',
        objectId: dokumentId,
        data: { anzahl: Math.min(attachments.length, MAX_ATTACHMENTS) },
      });
    }
  };
  return [EXTRACT_JOB, handler];
}

/**
 * The batch form of the extraction job (jobs.ts BatchJobHandler): loads the claimed versions of
 * one tenant in one query, extracts them in parallel (the extractor pool has a thread per core)
 * without holding a transaction open, and writes all texts, index entries and the jobs' completion
 * in one statement – one round trip and one commit for the batch instead of five per document.
 * E-mails with attachments and versions whose blob cannot be read are left to the single handler.
 */
export function createExtractionBatchJob({
  database,
  blobs,
  extractors,
  logger,
}: {
  database: DatabaseHandle;
  blobs: BlobStore;
  extractors: ExtractorRegistry;
  logger: Logger;
}): [string, BatchJobHandler] {
  const handler: BatchJobHandler = async ({ tenantId, jobs, owner }) => {
    const wanted = jobs.filter(
      (job) =>
        UUID.test(String(job.payload.dokumentId)) &&
        Number.isInteger(job.payload.version) &&
        Number(job.payload.version) > 0,
    );
    if (wanted.length === 0) return [];
    const keys = wanted.map((job) => ({ d: String(job.payload.dokumentId), v: Number(job.payload.version) }));
    const rows = await database.executeAsTenant(
      tenantId,
      sql<VersionRow>`select ${sql.raw(VERSION_COLUMNS)}
        join jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(d uuid, v int) on dv.dokument_id = k.d and dv.version = k.v`,
    );
    const byKey = new Map(rows.map((row) => [`${row.dokument_id}/${row.version}`, row]));
    const outcomes = await Promise.all(
      wanted.map(async (job) => {
        const row = byKey.get(`${job.payload.dokumentId}/${job.payload.version}`);
        // Gone or already extracted: nothing to do, as in the single handler.
        if (!row || row.text_status !== 'pending') return { job, row: undefined, result: undefined };
        try {
          const result = await extractVersion({ blobs, extractors, logger }, row);
          if (result.attachments.length > 0 && row.version === 1 && row.akte_status === 'offen') return null;
          return { job, row, result };
        } catch {
          return null; // storage trouble: the single handler retries it with backoff
        }
      }),
    );
    const handled = outcomes.filter((outcome) => outcome !== null);
    if (handled.length === 0) return [];
    const results = handled.flatMap(({ row, result }) => {
      if (!row || !result) return [];
      const current = row.aktuelle_version === row.version;
      const terms = current ? indexTerms(row, result.text) : null;
      return [
        {
          dokument_id: row.dokument_id,
          version: row.version,
          text: result.text,
          status: result.status,
          fehler: result.fehler,
          extractor: result.extractor,
          seiten: result.seiten,
          current,
          meta: terms?.meta ?? '',
          refs: terms?.refs ?? [],
        },
      ];
    });
    const jobIds = handled.map(({ job }) => job.id);
    await database.executeAsTenant(
      tenantId,
      sql`
        with input as (
          select * from jsonb_to_recordset(${JSON.stringify(results)}::jsonb) as x(dokument_id uuid, version int,
            text text, status text, fehler text, extractor text, seiten int, current boolean, meta text, refs text[])
        ), v as (
          update dokument_versionen dv set text = i.text, text_status = i.status, text_fehler = i.fehler,
                 extractor = i.extractor, seiten = i.seiten
          from input i where dv.dokument_id = i.dokument_id and dv.version = i.version
        ), d as (
          update dokumente d set text_status = i.status, text_fehler = i.fehler, refs = i.refs,
                 search = verbund_search_vector(d.titel, i.meta, i.text), search_head = verbund_search_head(d.titel, i.meta)
          from input i where d.id = i.dokument_id and i.current
        )
        ${finishJobs({ jobIds, owner })}`,
    );
    return jobIds;
  };
  return [EXTRACT_JOB, handler];
}

/**
 * When the queue gives an extraction up for good (its run killed the worker twice, or it ran out of
 * attempts), the version and the document say why instead of staying "pending" for ever.
 */
export function createExtractionGivenUp(): [string, JobGivenUpHandler] {
  const handler: JobGivenUpHandler = async ({ trx, payload, reason }) => {
    const dokumentId = String(payload.dokumentId);
    const version = Number(payload.version);
    if (!UUID.test(dokumentId) || !Number.isInteger(version)) return;
    await sql`
      with v as (
        update dokument_versionen set text_status = 'failed', text_fehler = ${reason}
        where dokument_id = ${dokumentId}::uuid and version = ${version} and text_status = 'pending'
        returning dokument_id, version
      )
      update dokumente d set text_status = 'failed', text_fehler = ${reason}
      from v where d.id = v.dokument_id and d.aktuelle_version = v.version`.execute(trx);
  };
  return [EXTRACT_JOB, handler];
}
