import { createExtractorRegistry, ExtractionError, type ExtractionResult } from './extractors.ts';

/** Runs the default extractors in a bounded parser process (bounded-pool.ts), off the web process. */
const registry = createExtractorRegistry();

export type ExtractionOutcome =
  | { ok: true; result: ExtractionResult }
  | { ok: false; reasonCode: string; message: string };

export async function extractTask(input: {
  bytes: Uint8Array;
  mime: string;
  fileName: string;
}): Promise<ExtractionOutcome> {
  const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  try {
    return { ok: true, result: await registry.extract({ ...input, bytes }) };
  } catch (error) {
    if (error instanceof ExtractionError)
      return { ok: false, reasonCode: error.reasonCode, message: error.message };
    throw error;
  }
}
