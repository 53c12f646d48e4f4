import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { ERROR_FOLDER } from '../eingangsordner/eingangsordner.models.ts';
import { walkTree } from '../import/import.walk.ts';

export type FehlerDatei = { pfad: string; groesse: number; zeit: string; grund: string };

const GRUND_BYTES = 2000;

/** The first bytes of a file as text ('' when it is missing or unreadable). */
async function head(file: string, bytes: number) {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return '';
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').trim();
  } finally {
    await handle.close();
  }
}

/**
 * What lies in a consume folder's error folder (`<ordner>/_fehler/`), each file with the reason
 * from the `<name>.grund.txt` beside it: at most `limit` files (walked without holding the tree;
 * symbolic links are not followed), and whether there are more.
 */
export async function readFehlerOrdner(dir: string, limit = 100) {
  const root = path.join(dir, ERROR_FOLDER);
  const dateien: FehlerDatei[] = [];
  let more = false;
  if (!(await stat(root).catch(() => null))?.isDirectory()) return { dateien, more };
  for await (const entry of walkTree(root, '', { manifest: false })) {
    if (entry.error || entry.relPath.endsWith('.grund.txt')) continue;
    if (dateien.length >= limit) {
      more = true;
      break;
    }
    const file = path.join(root, entry.relPath);
    const info = await stat(file).catch(() => null);
    if (!info) continue;
    dateien.push({
      pfad: entry.relPath,
      groesse: info.size,
      zeit: info.mtime.toISOString(),
      grund: (await head(`${file}.grund.txt`, GRUND_BYTES)) || '(ohne .grund.txt)',
    });
  }
  return { dateien, more };
}
