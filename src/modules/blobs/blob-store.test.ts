import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/errors.ts';
import type { BlobStore } from './blob.types.ts';
import { createBlobStore } from './blob-store.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
async function* chunked(bytes: Uint8Array, size = 64 * 1024) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
const code = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    return { code: (error as AppError).code, status: (error as AppError).status };
  }
  return null;
};
async function drain(stream: ReadableStream<Uint8Array>) {
  const parts: Uint8Array[] = [];
  for await (const part of stream as unknown as AsyncIterable<Uint8Array>) parts.push(part);
  return Buffer.concat(parts);
}

let dir: string;
let s3: S3rver;
let s3Port: number;
const drivers: Record<string, () => BlobStore> = {};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'blobs-'));
  s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: path.join(dir, 's3'),
    configureBuckets: [{ name: 'verbund', configs: [] }],
  });
  const address = (await s3.run()) as unknown as { port: number };
  s3Port = address.port;
  drivers.fs = () => createBlobStore({ kind: 'fs', root: path.join(dir, 'fs') });
  drivers.s3 = () =>
    createBlobStore({
      kind: 's3',
      bucket: 'verbund',
      endpoint: `http://127.0.0.1:${s3Port}`,
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
      prefix: 'blobs/',
      tempDir: path.join(dir, 's3tmp'),
    });
});
afterAll(async () => {
  await s3?.close();
  await rm(dir, { recursive: true, force: true });
});

for (const kind of ['fs', 's3'] as const) {
  describe(`${kind} blob store`, () => {
    it('streams content in, names it by SHA-256, stores it once, and reads it back verified', async () => {
      const store = drivers[kind]!();
      const bytes = randomBytes(3 * 1024 * 1024);
      const blob = await store.put(chunked(bytes));
      expect(blob).toMatchObject({ sha256: sha(bytes), size: bytes.length });
      expect(blob.head.equals(bytes.subarray(0, 4096))).toBe(true);
      expect((await store.put(bytes)).sha256).toBe(blob.sha256);
      expect((await store.read(blob.sha256)).equals(bytes)).toBe(true);
      const { size, body } = await store.stream(blob.sha256);
      expect(size).toBe(bytes.length);
      expect((await drain(body)).equals(bytes)).toBe(true);
      expect(await store.has(blob.sha256)).toBe(true);
    });

    it('stores zero-byte content', async () => {
      const store = drivers[kind]!();
      const blob = await store.put(new Uint8Array(0));
      expect(blob.size).toBe(0);
      expect((await store.read(blob.sha256)).length).toBe(0);
    });

    it('refuses content over the limit while streaming and leaves no temp file', async () => {
      const store = drivers[kind]!();
      const before = (
        await readdir(path.join(dir, kind === 'fs' ? 'fs/tmp' : 's3tmp/blob-upload')).catch(() => [])
      ).length;
      expect(await code(store.put(chunked(randomBytes(2 * 1024 * 1024)), { maxBytes: 1024 * 1024 }))).toEqual(
        {
          code: 'upload.too_large',
          status: 413,
        },
      );
      const after = await readdir(path.join(dir, kind === 'fs' ? 'fs/tmp' : 's3tmp/blob-upload'));
      expect(after.length).toBe(before);
    });

    it('refuses invalid hashes (no path traversal) and reports missing blobs', async () => {
      const store = drivers[kind]!();
      expect(await code(store.read('../../etc/passwd'))).toEqual({ code: 'blob.invalid_hash', status: 400 });
      expect(await code(store.read('0'.repeat(64)))).toEqual({ code: 'blob.not_found', status: 404 });
      expect(await code(store.stream('f'.repeat(64)))).toEqual({ code: 'blob.not_found', status: 404 });
    });

    it('fails loudly when stored bytes were changed', async () => {
      const store = drivers[kind]!();
      const bytes = Buffer.from(`Bescheid ${kind} ${Date.now()}`);
      const blob = await store.put(bytes);
      const tampered = Buffer.from(bytes);
      tampered[0] = tampered[0]! ^ 0xff;
      if (kind === 'fs') {
        const file = path.join(dir, 'fs', blob.sha256.slice(0, 2), blob.sha256.slice(2, 4), blob.sha256);
        expect((await readFile(file)).equals(bytes)).toBe(true);
        await chmod(file, 0o644);
        await writeFile(file, tampered);
      } else {
        const client = new S3Client({
          region: 'us-east-1',
          endpoint: `http://127.0.0.1:${s3Port}`,
          forcePathStyle: true,
          credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        });
        await client.send(
          new PutObjectCommand({ Bucket: 'verbund', Key: `blobs/${blob.sha256}`, Body: tampered }),
        );
      }
      expect(await code(store.read(blob.sha256))).toEqual({ code: 'blob.corrupt', status: 500 });
      const { body } = await store.stream(blob.sha256);
      await expect(drain(body)).rejects.toMatchObject({ code: 'blob.corrupt' });
    });
  });
}

describe('fs blob store memory', () => {
  it('does not buffer a 50 MB upload in memory', async () => {
    const store = drivers.fs!();
    async function* lazy() {
      const chunk = randomBytes(1024 * 1024);
      for (let i = 0; i < 50; i++) {
        chunk[0] = i;
        yield Buffer.from(chunk);
      }
    }
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const blob = await store.put(lazy());
    expect(blob.size).toBe(50 * 1024 * 1024);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(40 * 1024 * 1024);
  });
});
