import { createHash } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { createFsBlobStore } from './fs-blob-store.ts';
import { createS3BlobStore } from './s3-blob-store.ts';

export type StoredBlob = {
  sha256: string;
  size: number;
  /** The first up to 4096 bytes, for content type detection. */
  head: Buffer;
};

export type BlobInput = AsyncIterable<Uint8Array> | NodeJS.ReadableStream | Uint8Array;

/**
 * Content-addressed, immutable blob storage. Blobs are named by their SHA-256; writes are atomic
 * and streamed (never buffered whole); every read verifies the hash and fails loudly on corruption.
 */
export interface BlobStore {
  readonly kind: 'fs' | 's3';
  put(input: BlobInput, options?: { maxBytes?: number }): Promise<StoredBlob>;
  read(sha256: string): Promise<Buffer>;
  stream(sha256: string): Promise<{ size: number; body: ReadableStream<Uint8Array> }>;
  has(sha256: string): Promise<boolean>;
}

export type BlobStoreConfig =
  | { kind: 'fs'; root: string }
  | {
      kind: 's3';
      bucket: string;
      endpoint?: string;
      region?: string;
      accessKeyId?: string;
      secretAccessKey?: string;
      forcePathStyle?: boolean;
      prefix?: string;
      tempDir: string;
    };

export function createBlobStore(config: BlobStoreConfig): BlobStore {
  return config.kind === 'fs' ? createFsBlobStore(config.root) : createS3BlobStore(config);
}

/** Where the store's uploads wait as temp files (as each store spools them); leftovers go at start (runtime.ts). */
export const uploadTempDir = (config: BlobStoreConfig) =>
  config.kind === 'fs' ? path.join(config.root, 'tmp') : path.join(config.tempDir, 'blob-upload');

export function assertHash(sha256: string) {
  if (!/^[0-9a-f]{64}$/.test(sha256))
    throw new AppError({
      code: 'blob.invalid_hash',
      status: 400,
      message: 'invalid blob hash',
      messageDe: 'Ungültige Prüfsumme.',
    });
}

export const tooLarge = (maxBytes: number) =>
  new AppError({
    code: 'upload.too_large',
    status: 413,
    message: `file larger than ${maxBytes} bytes`,
    messageDe: `Die Datei ist größer als erlaubt (höchstens ${Math.round((maxBytes / 1048576) * 10) / 10} MiB).`,
  });

export const corrupt = (sha256: string) =>
  new AppError({
    code: 'blob.corrupt',
    status: 500,
    message: `stored blob ${sha256} is corrupt (hash mismatch)`,
    messageDe: 'Die gespeicherte Datei ist beschädigt (Prüfsumme stimmt nicht).',
  });

export const missing = (sha256: string) =>
  new AppError({
    code: 'blob.not_found',
    status: 404,
    message: `blob ${sha256} not found`,
    messageDe: 'Die gespeicherte Datei wurde nicht gefunden.',
  });

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
