import { createHash } from 'node:crypto';
import type { BlobInput } from './blob.types.ts';
import { corrupt, invalidHash } from './blobs.errors.ts';

export function assertHash(sha256: string) {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw invalidHash();
}

/** Normalises the accepted inputs to an async iterable of byte chunks. */
export async function* chunksOf(input: BlobInput): AsyncIterable<Uint8Array> {
  if (input instanceof Uint8Array) {
    yield input;
    return;
  }
  for await (const chunk of input as AsyncIterable<Uint8Array | string>)
    yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

/** Wraps a stream of a stored blob so it errors instead of ending when the bytes do not hash right. */
export function verifyingStream(
  sha256: string,
  source: AsyncIterable<Uint8Array>,
): ReadableStream<Uint8Array> {
  const hash = createHash('sha256');
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await iterator.next();
        if (done) {
          if (hash.digest('hex') !== sha256) controller.error(corrupt(sha256));
          else controller.close();
          return;
        }
        hash.update(value);
        controller.enqueue(value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** Checks the bytes of a whole stored blob against their name (its SHA-256). */
export function assertIntact(sha256: string, bytes: Buffer) {
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw corrupt(sha256);
  return bytes;
}
