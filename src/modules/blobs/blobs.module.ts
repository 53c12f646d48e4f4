export type { BlobInput, BlobStore, BlobStoreConfig, StoredBlob } from './blob.types.ts';
export { createBlobStore } from './blob-store.ts';
export { removeStaleTempFiles, spoolToTempFile, uploadTempDir } from './temp-files.ts';
