import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { chunksOf } from './blob.streams.ts';
import type { BlobInput, BlobStoreConfig, StoredBlob } from './blob.types.ts';
import { tooLarge } from './blobs.errors.ts';

const HEAD_BYTES = 4096;

/** Where the store's uploads wait as temp files (as each store spools them); leftovers go at start (runtime.ts). */
export const uploadTempDir = (config: BlobStoreConfig) =>
  config.kind === 'fs' ? path.join(config.root, 'tmp') : path.join(config.tempDir, 'blob-upload');

// Directories known to exist: every upload would otherwise pay for mkdir calls (syscalls are dear).
const knownDirs = new Set<string>();
export async function ensureDir(dir: string) {
  if (knownDirs.has(dir)) return;
  await mkdir(dir, { recursive: true });
  knownDirs.add(dir);
}

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
