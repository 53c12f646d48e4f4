import type { Logger } from '../../../platform/logger.ts';
import { ByteStream } from '../../../platform/parsers/bounded-wire.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import { ExtractionError, type ExtractorRegistry } from '../../ingest/ingest.module.ts';
import type { ExtractionResult, VersionRow } from './extraction.repository.ts';

type Extracted = ExtractionResult & {
  attachments: Array<{ fileName: string; mime: string; bytes: Buffer }>;
};

/** Reads and extracts one version; a file that cannot be read is a result, anything else throws. */
export async function extractVersion(
  {
    blobs,
    extractors,
    logger,
    tenantId,
  }: { blobs: BlobStore; extractors: ExtractorRegistry; logger: Logger; tenantId: string },
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
    // The context lets an extractor keep a result of its own per version (OCR: state and rendition).
    const context = { tenantId, dokumentId: row.dokument_id, version: row.version, sha256: row.sha256 };
    const result = await extractors.extract({ bytes, mime: row.mime, fileName: row.dateiname, context });
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
