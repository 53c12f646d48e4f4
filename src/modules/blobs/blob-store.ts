import type { BlobStore, BlobStoreConfig } from './blob.types.ts';
import { createFsBlobStore } from './fs-blob-store.ts';
import { createS3BlobStore } from './s3-blob-store.ts';

/** The configured driver: the filesystem (default) or S3. */
export function createBlobStore(config: BlobStoreConfig): BlobStore {
  return config.kind === 'fs' ? createFsBlobStore(config.root) : createS3BlobStore(config);
}
