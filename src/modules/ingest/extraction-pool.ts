import { availableParallelism } from 'node:os';
import { createBoundedPool, ParserBreach } from '../../platform/parsers/bounded-pool.ts';
import { ByteStream, readAll } from '../../platform/parsers/bounded-wire.ts';
import {
  breachedLimitDe,
  PARSER_LIMITS_DEFAULT,
  type ParserLimits,
} from '../../platform/parsers/import-parsers.ts';
import type { ExtractionOutcome } from './extraction.task.ts';
import {
  defaultExtractors,
  ExtractionError,
  type ExtractionResult,
  type ExtractionSource,
  type Extractor,
  unsupported,
} from './extractors.ts';

/** The German reason of a file whose parser was stopped (shown at the document). */
export function breachReason(breach: ParserBreach, limits: ParserLimits) {
  return new ExtractionError(
    `limit.${breach.kind}`,
    `Die Datei ist zu komplex für die Textextraktion (${breachedLimitDe(breach, limits)}); sie wurde abgebrochen.`,
  );
}

/**
 * The extractor registry of the running product: the default extractors (PDF, DOCX, ODT, e-mail,
 * HTML, text) run in bounded parser processes (bounded-pool.ts: heap and memory limit, wall time
 * from the start of the file, one file per process, queue in the web process), so that no file can
 * block the web server's event loop, exhaust its memory or take it down. Extractors registered later (OCR, for instance) run
 * first, on the main thread; they typically hand work to an external process anyway. Same
 * interface as createExtractorRegistry.
 */
export function createExtractionPool({
  size = Math.max(1, availableParallelism()),
  timeoutMs = PARSER_LIMITS_DEFAULT.timeoutMs,
  heapMb = PARSER_LIMITS_DEFAULT.heapMb,
}: {
  size?: number;
  timeoutMs?: number;
  heapMb?: number;
} = {}) {
  const extra: Extractor[] = [];
  const pool = createBoundedPool({
    module: new URL('./extraction.task.ts', import.meta.url),
    task: 'extractTask',
    size,
    heapMb,
    timeoutMs,
  });
  const inParsers = (mime: string) => defaultExtractors.some((e) => e.accepts(mime));

  const readBytes = async (source: ExtractionSource) => {
    const got = typeof source.bytes === 'function' ? await source.bytes() : source.bytes;
    return got instanceof ByteStream ? readAll(got) : got;
  };
  const refinerOf = (mime: string, parsed: ExtractionResult) =>
    extra.find((e) => e.refines?.(parsed) && e.accepts(mime));

  /** The default parsers in a bounded process; the bytes are read when a parser is free for them. */
  async function parse(source: ExtractionSource): Promise<ExtractionResult> {
    let outcome: ExtractionOutcome;
    try {
      // A ByteStream flows through unbuffered.
      outcome = await pool.run<ExtractionOutcome>(async () => ({
        bytes: typeof source.bytes === 'function' ? await source.bytes() : source.bytes,
        mime: source.mime,
        fileName: source.fileName,
      }));
    } catch (error) {
      if (error instanceof ParserBreach) throw breachReason(error, { heapMb, timeoutMs });
      throw error;
    }
    if (!outcome.ok) throw new ExtractionError(outcome.reasonCode, outcome.message);
    const { result } = outcome;
    return {
      ...result,
      attachments: result.attachments?.map((a) => ({
        ...a,
        bytes: Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength),
      })),
    };
  }

  return {
    register(extractor: Extractor) {
      extra.unshift(extractor);
    },
    list: () => [...extra.map((e) => e.name), ...defaultExtractors.map((e) => e.name)],
    accepts: (mime: string) => extra.some((e) => !e.refines && e.accepts(mime)) || inParsers(mime),
    stats: () => pool.stats(),
    async extract(source: ExtractionSource): Promise<ExtractionResult> {
      const own = extra.find((e) => !e.refines && e.accepts(source.mime));
      if (own) {
        const bytes = await readBytes(source);
        if (bytes.length > 0) return own.extract({ ...source, bytes });
      }
      if (!inParsers(source.mime)) throw unsupported(source.mime);
      const parsed = await parse(source);
      // A refining extractor (OCR of a PDF without or with a broken text layer) reads the file again.
      const refiner = refinerOf(source.mime, parsed);
      if (!refiner) return parsed;
      return refiner.extract({ ...source, bytes: await readBytes(source), previous: parsed });
    },
    /**
     * The parsers' text when that is the whole extraction (bulk import: read while the file is at
     * hand, filed with its text, no extraction job): null when another extractor takes the type
     * (images: OCR), a refining one would read the file again (OCR of missing or broken text), or
     * the file brought attachments (they become documents of their own in the job). A file the
     * parsers cannot read throws its ExtractionError, as `extract` does.
     */
    async parseOnly(source: ExtractionSource): Promise<ExtractionResult | null> {
      if (!inParsers(source.mime) || extra.some((e) => !e.refines && e.accepts(source.mime))) return null;
      const parsed = await parse(source);
      if (refinerOf(source.mime, parsed) || (parsed.attachments?.length ?? 0) > 0) return null;
      return parsed;
    },
    close: () => pool.close(),
  };
}

export type ExtractionPool = ReturnType<typeof createExtractionPool>;
