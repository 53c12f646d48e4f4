import { parentPort } from 'node:worker_threads';
import { createExtractorRegistry, ExtractionError, type ExtractionInput } from './extractors.ts';

/** Runs the default extractors for the main thread: CPU-heavy parsing stays off the event loop. */
const registry = createExtractorRegistry();

parentPort!.on('message', async (message: { id: number; input: ExtractionInput }) => {
  const input = { ...message.input, bytes: Buffer.from(message.input.bytes) };
  try {
    const result = await registry.extract(input);
    const transfer = (result.attachments ?? []).map((a) => a.bytes.buffer as ArrayBuffer);
    parentPort!.postMessage(
      { id: message.id, result },
      transfer.filter((b, i) => transfer.indexOf(b) === i),
    );
  } catch (error) {
    parentPort!.postMessage({
      id: message.id,
      error:
        error instanceof ExtractionError
          ? { reasonCode: error.reasonCode, message: error.message }
          : {
              reasonCode: 'internal',
              message: error instanceof Error ? error.message : String(error),
              internal: true,
            },
    });
  }
});
