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
