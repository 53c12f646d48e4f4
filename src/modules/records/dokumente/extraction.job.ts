import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { BatchJobHandler, JobGivenUpHandler, JobHandler } from '../../../platform/jobs/jobs.ts';
import type { Logger } from '../../../platform/logger.ts';
import { cleanFileName } from '../../../shared/text.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import type { ExtractorRegistry } from '../../ingest/ingest.module.ts';
import { EXTRACT_JOB } from './dokumente.models.ts';
import { extractVersion } from './extract-version.ts';
import {
  loadVersion,
  loadVersions,
  markExtractionFailed,
  writeExtraction,
  writeExtractions,
} from './extraction.repository.ts';
import { fileDokument } from './filing.usecases.ts';

const MAX_ATTACHMENTS = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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
    const row = await loadVersion(trx, dokumentId, version);
    if (row?.text_status !== 'pending') return;

    const { attachments, ...result } = await extractVersion(
      { blobs, extractors, logger, tenantId: trx.tenantId },
      row,
    );
    await writeExtraction(trx, row, result);

    if (attachments.length > 0 && version === 1 && row.akte_status === 'offen') {
      for (const attachment of attachments.slice(0, MAX_ATTACHMENTS)) {
        const blob = await blobs.put(attachment.bytes);
        await fileDokument({
          trx,
          actor: 'system:extraction',
          vorgang: { id: row.vorgang_id, akteId: row.akte_id },
          file: { fileName: attachment.fileName, blob },
          fields: {
            titel: `Anlage: ${cleanFileName(attachment.fileName)}`,
            art: 'eingang',
            datum: row.datum,
            vertraulichkeit: row.vertraulichkeit,
            parentDokumentId: dokumentId,
          },
        });
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
    const rows = await loadVersions(database, tenantId, keys);
    const byKey = new Map(rows.map((row) => [`${row.dokument_id}/${row.version}`, row]));
    const outcomes = await Promise.all(
      wanted.map(async (job) => {
        const row = byKey.get(`${job.payload.dokumentId}/${job.payload.version}`);
        // Gone or already extracted: nothing to do, as in the single handler.
        if (row?.text_status !== 'pending') return { job, row: undefined, result: undefined };
        try {
          const result = await extractVersion({ blobs, extractors, logger, tenantId }, row);
          if (result.attachments.length > 0 && row.version === 1 && row.akte_status === 'offen') return null;
          return { job, row, result };
        } catch {
          return null; // storage trouble: the single handler retries it with backoff
        }
      }),
    );
    const handled = outcomes.filter((outcome) => outcome !== null);
    if (handled.length === 0) return [];
    const results = handled.flatMap(({ row, result }) => (row && result ? [{ row, result }] : []));
    const jobIds = handled.map(({ job }) => job.id);
    await writeExtractions(database, { tenantId, results, jobIds, owner });
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
    await markExtractionFailed(trx, { dokumentId, version, reason });
  };
  return [EXTRACT_JOB, handler];
}
