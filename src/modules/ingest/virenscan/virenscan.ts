import type { Readable } from 'node:stream';
import {
  type ClamdAddress,
  ClamdUnavailable,
  clamdInstream,
  clamdVersion,
  parseClamdAddress,
} from './clamd.client.ts';
import { virenscanErrors } from './virenscan.errors.ts';

/**
 * The verdict of one scan. `unavailable`: clamd is not configured or not reachable — the file was
 * NOT scanned; whether it may pass depends on the county (`required`).
 */
export type VirusScanStatus = 'clean' | 'infected' | 'too_large' | 'unavailable';
export type VirusScanResult = {
  status: VirusScanStatus;
  /** The signature clamd found (infected), or the limit it hit (too_large, e.g. Heuristics.Limits.Exceeded.MaxFileSize). */
  signature?: string;
  /** Whether the county requires scanning (then `unavailable` must not pass: fail closed). */
  required: boolean;
};

export type VirusScanInput = {
  /** The county the file is for (its rule decides whether unscanned files may pass). */
  tenant: string;
} & ({ buffer: Buffer } | { stream: Readable | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> });

export type VirusScannerHealth =
  | { status: 'ok'; version: string }
  | { status: 'disabled'; message: string }
  | { status: 'unavailable'; message: string };

export type VirusScannerConfig = {
  /** clamd's socket path or host:port; null = no scanner configured. */
  address: string | null;
  /** Counties that require scanning: tenant ids, or 'alle'. */
  required: string[] | 'alle';
  timeoutMs: number;
  /** clamd's StreamMaxLength in bytes: longer files are `too_large` (flagged, never passed). */
  maxBytes: number;
};

/**
 * The product's virus scanner over clamd (INSTREAM). Every upload, intake and import calls
 * `scanForViruses` before anything is filed; `assertMayFile` turns a verdict into the one rule:
 * infected and too large never pass, unscanned passes only where the county does not require it.
 */
export function createVirusScanner(config: VirusScannerConfig) {
  const address: ClamdAddress | null = config.address ? parseClamdAddress(config.address) : null;
  const isRequired = (tenant: string) => config.required === 'alle' || config.required.includes(tenant);

  async function scanForViruses(input: VirusScanInput): Promise<VirusScanResult> {
    const required = isRequired(input.tenant);
    if (!address) return { status: 'unavailable', required };
    const source = 'buffer' in input ? input.buffer : toIterable(input.stream);
    try {
      const verdict = await clamdInstream({
        address,
        source,
        timeoutMs: config.timeoutMs,
        maxBytes: config.maxBytes,
      });
      return { ...verdict, required };
    } catch (error) {
      if (error instanceof ClamdUnavailable) return { status: 'unavailable', required };
      throw error;
    }
  }

  async function health(): Promise<VirusScannerHealth> {
    if (!address)
      return { status: 'disabled', message: 'Keine Virenprüfung eingerichtet (VERBUND_CLAMD_SOCKET leer).' };
    try {
      return { status: 'ok', version: await clamdVersion({ address }) };
    } catch (error) {
      return {
        status: 'unavailable',
        message: `Virenprüfung (clamd) nicht erreichbar: ${(error as Error).message}`,
      };
    }
  }

  return { scanForViruses, isRequired, health, configured: address !== null };
}

export type VirusScanner = ReturnType<typeof createVirusScanner>;

/**
 * The one rule for portal, API and forms: infected → 422, over the scanner's limits → 422,
 * not scanned while the county requires it → 503 (the upload waits; it never bypasses the scan).
 * Intake does not throw but quarantines; it reads the same verdict.
 */
export function assertMayFile(result: VirusScanResult) {
  if (result.status === 'infected') throw virenscanErrors.infected(result.signature ?? 'unbekannt');
  if (result.status === 'too_large') throw virenscanErrors.tooLarge();
  if (result.status === 'unavailable' && result.required) throw virenscanErrors.unavailable();
}

/** Whether a verdict lets the file be filed (the same rule as assertMayFile, without throwing). */
export const mayFile = (result: VirusScanResult) =>
  result.status === 'clean' || (result.status === 'unavailable' && !result.required);

async function* toIterable(stream: Readable | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>) {
  if (Symbol.asyncIterator in stream) {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) yield chunk;
    return;
  }
  const reader = (stream as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
