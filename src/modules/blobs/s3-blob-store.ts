import { createReadStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as S3 from '@aws-sdk/client-s3';
import { assertHash, assertIntact, verifyingStream } from './blob.streams.ts';
import type { BlobStore, BlobStoreConfig } from './blob.types.ts';
import { missing } from './blobs.errors.ts';
import { spoolToTempFile, uploadTempDir } from './temp-files.ts';

type S3Config = Extract<BlobStoreConfig, { kind: 's3' }>;

const isNotFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
};

/**
 * S3 driver (AWS, MinIO, Ceph): the upload is spooled to a local temp file while hashing (so the
 * size limit holds and the key is known), then stored under `<prefix><sha256>` with S3's own
 * SHA-256 checksum. Reads verify the hash like the filesystem driver.
 */
export function createS3BlobStore(config: S3Config): BlobStore {
  // Loaded only for the S3 driver (the SDK's import costs about a quarter second of CPU per process).
  const { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } = createRequire(import.meta.url)(
    '@aws-sdk/client-s3',
  ) as typeof S3;
  const client = new S3Client({
    region: config.region ?? 'us-east-1',
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle ?? true,
    credentials:
      config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined,
  });
  const keyOf = (sha256: string) => {
    assertHash(sha256);
    return `${config.prefix ?? ''}${sha256}`;
  };
  const tmpDir = uploadTempDir(config);

  async function has(sha256: string) {
    try {
      await client.send(new HeadObjectCommand({ Bucket: config.bucket, Key: keyOf(sha256) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async function get(sha256: string) {
    try {
      return await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: keyOf(sha256) }));
    } catch (error) {
      if (isNotFound(error)) throw missing(sha256);
      throw error;
    }
  }

  return {
    kind: 's3',
    has,

    async put(input, options = {}) {
      const { tempPath, blob } = await spoolToTempFile(input, tmpDir, options.maxBytes);
      try {
        if (!(await has(blob.sha256))) {
          await client.send(
            new PutObjectCommand({
              Bucket: config.bucket,
              Key: keyOf(blob.sha256),
              Body:
                blob.size === 0
                  ? Buffer.alloc(0)
                  : blob.size < 8 * 1024 * 1024
                    ? await readFile(tempPath)
                    : createReadStream(tempPath),
              ContentLength: blob.size,
              ChecksumSHA256: Buffer.from(blob.sha256, 'hex').toString('base64'),
              ContentType: 'application/octet-stream',
            }),
          );
        }
        return blob;
      } finally {
        await rm(tempPath, { force: true });
      }
    },

    async read(sha256) {
      const object = await get(sha256);
      return assertIntact(sha256, Buffer.from(await object.Body!.transformToByteArray()));
    },

    async stream(sha256) {
      const object = await get(sha256);
      const body = object.Body as unknown as AsyncIterable<Uint8Array>;
      return { size: Number(object.ContentLength ?? 0), body: verifyingStream(sha256, body) };
    },
  };
}
