import { ByteStream } from '../../../platform/parsers/bounded-wire.ts';
import type { StoredBlob } from '../../blobs/blobs.module.ts';
import type { KnownText } from '../../records/records.module.ts';
import { addVocabularyOf } from '../../search/search.module.ts';
import { detectContentType } from '../content-type.ts';
import type { ImportEngineDeps } from './import.engine.ts';

// Texts read during the import (README "Massenimport", "Text beim Import gelesen"): a file the
// extraction's parsers read completely is filed with its text and no extraction job; the words of
// such documents go to the county's vocabulary here, since no text update collects them.

/**
 * The text of a stored, scanned file read by the extraction's parsers, when that is all its
 * extraction would do; null otherwise (no reader, another type, OCR or attachments needed, or the
 * parsers could not read it: the job then records the reason as for any other upload).
 */
export async function readKnownText(
  deps: Pick<ImportEngineDeps, 'blobs' | 'readText'>,
  fileName: string,
  blob: StoredBlob,
): Promise<KnownText | null> {
  if (!deps.readText) return null;
  const { mime } = detectContentType(blob.head, fileName);
  try {
    const result = await deps.readText({
      mime,
      fileName,
      bytes: async () => {
        const { size, body } = await deps.blobs.stream(blob.sha256);
        return new ByteStream(size, body);
      },
    });
    if (!result) return null;
    // PostgreSQL text cannot hold NUL (as in the extraction job).
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL cannot be stored in PostgreSQL text
    const text = result.text.replace(/\u0000/g, '');
    return { text, extractor: result.extractor, seiten: result.pages ?? null };
  } catch {
    return null;
  }
}

/**
 * The vocabulary of documents filed with their text, added VOCABULARY_BATCH at a time (one
 * statement each, outside the filing transactions) and at the end of every slice of a run; the
 * run's last pass (import.usecases) covers what a killed process had not added yet.
 */
const VOCABULARY_BATCH = 500;
export function createVocabularyBatches(deps: Pick<ImportEngineDeps, 'database'>, tenantId: string) {
  let ids: string[] = [];
  const added = new Set<string>();
  let running: Promise<void> = Promise.resolve();
  const flush = () => {
    const batch = ids;
    ids = [];
    if (batch.length > 0)
      running = running.then(async () => {
        await deps.database.withTenant(tenantId, (trx) => addVocabularyOf(trx, batch));
        for (const id of batch) added.add(id);
      });
    return running;
  };
  return {
    add(id: string) {
      ids.push(id);
      if (ids.length >= VOCABULARY_BATCH) void flush().catch(() => {});
    },
    flush,
    /** The documents whose words this process added. */
    added,
  };
}
