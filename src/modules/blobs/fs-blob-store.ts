import { createReadStream } from 'node:fs';
import { open, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { assertHash, assertIntact, verifyingStream } from './blob.streams.ts';
import type { BlobStore } from './blob.types.ts';
import { missing } from './blobs.errors.ts';
import { ensureDir, spoolToTempFile, uploadTempDir } from './temp-files.ts';

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
  const tmpDir = uploadTempDir({ kind: 'fs', root });
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
      return assertIntact(sha256, bytes);
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
