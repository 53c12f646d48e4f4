import { createReadStream } from 'node:fs';
import { ByteStream } from '../../../platform/parsers/bounded-wire.ts';
import { createImportParsers, type ParserLimits } from '../../../platform/parsers/import-parsers.ts';
import { xdomeaErrors } from './xdomea.errors.ts';
import type { ImportedXdomeaParts, XdomeaReadOutcome } from './xdomea.import.task.ts';

/** An uploaded zip waiting on disk (the import route spools uploads to a temp file as they arrive). */
export type SpooledZip = { path: string; size: number };

/**
 * Reads import messages outside the web process, bounded; two at a time, more wait here. Imports
 * are rare: a parser process ends after a minute without work.
 */
export function createXdomeaReader({ parserLimits }: { parserLimits?: ParserLimits }) {
  const parsers = createImportParsers({
    module: new URL('./xdomea.import.task.ts', import.meta.url),
    task: 'readXdomeaZipTask',
    size: 2,
    limits: parserLimits,
    code: 'xdomea.too_complex',
    messageDe: (limit) => `Das Archiv ist zu komplex, um es zu lesen (${limit}); es wurde nicht übernommen.`,
  });

  /**
   * The message of an import zip, read in a bounded parser process; refusals and breaches become
   * 422. A zip on disk (a spooled upload) is opened when a parser is free and streams to it.
   */
  async function readMessage(zip: Uint8Array | SpooledZip): Promise<ImportedXdomeaParts> {
    const outcome = await parsers.run<XdomeaReadOutcome>(async () =>
      zip instanceof Uint8Array ? zip : new ByteStream(zip.size, createReadStream(zip.path)),
    );
    if (outcome.ok) return outcome.message;
    throw xdomeaErrors.refused(outcome);
  }

  return { readMessage, stats: () => parsers.stats(), close: () => parsers.close() };
}
