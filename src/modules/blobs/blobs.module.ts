export {
  type BlobInput,
  type BlobStore,
  type BlobStoreConfig,
  createBlobStore,
  type StoredBlob,
  uploadTempDir,
} from './blob-store.ts';
export { removeStaleTempFiles, spoolToTempFile } from './fs-blob-store.ts';
