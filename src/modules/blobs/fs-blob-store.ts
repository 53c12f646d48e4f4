import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  assertHash,
  type BlobInput,
  type BlobStore,
  chunksOf,
  corrupt,
  missing,
  type StoredBlob,
  tooLarge,
  verifyingStream,
} from './blob-store.ts';

const HEAD_BYTES = 4096;

/**
 * Streams `input` into a new temp file under `tmpDir` while hashing and counting; enforces
 * `maxBytes` as bytes arrive (the temp file is removed); fsyncs before returning.
 */
export async function spoolToTempFile(
  input: BlobInput,
  tmpDir: string,
  maxBytes = Number.POSITIVE_INFINITY,
  mode = 0o600,
) {
  await ensureDir(tmpDir);
  const tempPath = path.join(tmpDir, `${randomUUID()}.part`);
  // Created with its final mode: the descriptor stays writable, the stored file is read-only.
  const file = await open(tempPath, 'wx', mode);
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headSize = 0;
  let size = 0;
  try {
    for await (const chunk of chunksOf(input)) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(maxBytes);
      hash.update(chunk);
      if (headSize < HEAD_BYTES) {
        const part = Buffer.from(chunk.subarray(0, HEAD_BYTES - headSize));
        head.push(part);
        headSize += part.length;
      }
      let offset = 0;
      while (offset < chunk.length) {
        const { bytesWritten } = await file.write(chunk, offset, chunk.length - offset);
        offset += bytesWritten;
      }
    }
    await file.sync();
    await file.close();
  } catch (error) {
    await file.close().catch(() => {});
    await rm(tempPath, { force: true });
    // Stop reading a source we abandoned (e.g. an upload over the limit).
    (input as { destroy?: () => void }).destroy?.();
    throw error;
  }
  const blob: StoredBlob = { sha256: hash.digest('hex'), size, head: Buffer.concat(head) };
  return { tempPath, blob };
}

/**
 * Removes temp files (`*.part`) that uploads interrupted by a crash left behind (a killed process
 * never reaches its cleanup; the file may be empty). A file still written to has a fresh mtime, so
 * only files untouched for `olderThanMs` go; 0 when no other process of ours can be writing.
 */
export async function removeStaleTempFiles({ tmpDir, olderThanMs }: { tmpDir: string; olderThanMs: number }) {
  const names = await readdir(tmpDir).catch(() => [] as string[]);
  let removed = 0;
  let bytes = 0;
  for (const name of names) {
    if (!name.endsWith('.part')) continue;
    const file = path.join(tmpDir, name);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile() || Date.now() - info.mtimeMs < olderThanMs) continue;
    await rm(file, { force: true });
    removed += 1;
    bytes += info.size;
  }
  return { removed, bytes };
}

// Directories known to exist: every upload would otherwise pay for mkdir calls (syscalls are dear).
const knownDirs = new Set<string>();
async function ensureDir(dir: string) {
  if (knownDirs.has(dir)) return;
  await mkdir(dir, { recursive: true });
  knownDirs.add(dir);
}

async function fsyncDir(dir: string) {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Filesystem driver: `<root>/ab/cd/<sha256>`, written via temp file + fsync + rename, read-only files. */
export function createFsBlobStore(root: string): BlobStore {
  const tmpDir = path.join(root, 'tmp');
  const pathOf = (sha256: string) => {
    assertHash(sha256);
    return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const exists = async (file: string) => (await stat(file).catch(() => null))?.isFile() ?? false;

  return {
    kind: 'fs',

    async put(input, options = {}) {
      const { tempPath, blob } = await spoolToTempFile(input, tmpDir, options.maxBytes, 0o444);
      const target = pathOf(blob.sha256);
      await ensureDir(path.dirname(target));
      // Same name, same content: renaming over an existing copy is atomic and harmless.
      await rename(tempPath, target);
      await fsyncDir(path.dirname(target));
      return blob;
    },

    async read(sha256) {
      const file = pathOf(sha256);
      const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') throw missing(sha256);
        throw error;
      });
      if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw corrupt(sha256);
      return bytes;
    },

    async stream(sha256) {
      const file = pathOf(sha256);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) throw missing(sha256);
      return {
        size: info.size,
        body: verifyingStream(sha256, createReadStream(file, { highWaterMark: 256 * 1024 })),
      };
    },

    async has(sha256) {
      return exists(pathOf(sha256));
    },
  };
}
