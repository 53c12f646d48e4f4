import { sql } from 'kysely';
import type { MetadataField, Vertraulichkeit } from '../app/database.types.ts';
import type { JobHandler } from '../app/jobs.ts';
import type { Logger } from '../app/logger.ts';
import { appendAuditEvent } from '../audit/audit.repository.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import { ExtractionError, type ExtractorRegistry } from '../ingest/extractors.ts';
import { EXTRACT_JOB, indexTerms, insertDokumentInTrx } from './dokumente.usecases.ts';

const MAX_ATTACHMENTS = 50;

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
    const { rows } = await sql<{
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
    }>`
      select dv.sha256, dv.mime, dv.dateiname, dv.text_status, d.aktuelle_version, d.vorgang_id, d.akte_id,
             d.vertraulichkeit, d.datum, d.titel, d.absender, d.empfaenger, d.metadaten, a.aktenzeichen,
             a.titel as akte_titel, a.status as akte_status, vg.betreff, vg.externe_referenz
      from dokument_versionen dv join dokumente d on d.id = dv.dokument_id
      join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id
      where dv.dokument_id = ${dokumentId}::uuid and dv.version = ${version}`.execute(trx);
    const row = rows[0];
    if (!row || row.text_status !== 'pending') return;

    const bytes = await blobs.read(row.sha256);
    let text = '';
    let status: 'done' | 'failed' = 'done';
    let fehler: string | null = null;
    let extractor: string | null = null;
    let seiten: number | null = null;
    let attachments: Array<{ fileName: string; mime: string; bytes: Buffer }> = [];
    try {
      const result = await extractors.extract({ bytes, mime: row.mime, fileName: row.dateiname });
      text = result.text;
      extractor = result.extractor;
      seiten = result.pages ?? null;
      attachments = result.attachments ?? [];
    } catch (error) {
      if (!(error instanceof ExtractionError)) throw error;
      status = 'failed';
      fehler = error.message;
      extractor = error.reasonCode;
      logger.info({ dokumentId, version, reason: error.reasonCode }, 'text extraction failed');
    }
    // PostgreSQL text cannot hold NUL; extractors strip it, this is the last line of defence.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL cannot be stored in PostgreSQL text
    text = text.replace(/\u0000/g, '');
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
            titel: `Anlage: ${attachment.fileName}`,
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
