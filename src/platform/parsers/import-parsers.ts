import { AppError } from '../../shared/errors.ts';
import { createBoundedPool, ParserBreach } from './bounded-pool.ts';

/** Heap and wall time of each parser process (VERBUND_EXTRACTION_HEAP_MB, VERBUND_EXTRACTION_TIMEOUT_S). */
export type ParserLimits = { heapMb: number; timeoutMs: number };

/** The defaults of those limits, for text extraction and imports alike. */
export const PARSER_LIMITS_DEFAULT: ParserLimits = { heapMb: 512, timeoutMs: 60_000 };

/** What a stopped parser exceeded, in German, to be named in a user's message. */
export function breachedLimitDe(breach: ParserBreach, limits: ParserLimits) {
  return breach.kind === 'heap'
    ? `mehr als ${limits.heapMb} MiB Arbeitsspeicher`
    : breach.kind === 'time'
      ? `länger als ${limits.timeoutMs / 1000} s`
      : 'die Verarbeitung ist abgestürzt';
}

/**
 * A pool for imports (rare work, one upload a task): its processes end after a minute without
 * work, and a task whose parser was stopped fails with a 422 AppError `code` whose German message
 * (`messageDe`) names the limit that was exceeded ("zu komplex").
 */
export function createImportParsers({
  module,
  task,
  size,
  limits = PARSER_LIMITS_DEFAULT,
  code,
  messageDe,
}: {
  module: URL;
  task: string;
  size: number;
  limits?: ParserLimits;
  code: string;
  messageDe: (limit: string) => string;
}) {
  const pool = createBoundedPool({ module, task, size, idleMs: 60_000, ...limits });
  return {
    ...pool,
    async run<T>(load: () => Promise<unknown>): Promise<T> {
      try {
        return await pool.run<T>(load);
      } catch (error) {
        if (!(error instanceof ParserBreach)) throw error;
        throw new AppError({
          code,
          status: 422,
          message: `import parser stopped: ${error.message}`,
          messageDe: messageDe(breachedLimitDe(error, limits)),
        });
      }
    },
  };
}
