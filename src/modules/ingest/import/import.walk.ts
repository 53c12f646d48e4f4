import { opendir } from 'node:fs/promises';
import path from 'node:path';
import { isIgnoredName, MANIFEST_NAME } from './import.models.ts';

/** A file of the tree (path relative to the root, forward slashes), or a folder that could not be read. */
export type TreeEntry = { relPath: string; error?: undefined } | { relPath: string; error: string };

/**
 * Streams the files of a tree depth-first without ever holding the list: one open directory handle
 * per level (`opendir` reads entries in small batches). Symbolic links are not followed; ignored
 * names (hidden, `.part`, `~$…`) and (with `manifest`, the import's default) the manifest at the
 * root are left out.
 */
export async function* walkTree(root: string, rel = '', { manifest = true } = {}): AsyncGenerator<TreeEntry> {
  let dir: Awaited<ReturnType<typeof opendir>>;
  try {
    dir = await opendir(path.join(root, rel), { bufferSize: 64 });
  } catch (error) {
    yield {
      relPath: rel || '.',
      error: `Ordner nicht lesbar (${(error as NodeJS.ErrnoException).code ?? 'Fehler'})`,
    };
    return;
  }
  for await (const entry of dir) {
    if (isIgnoredName(entry.name) || (manifest && !rel && entry.name === MANIFEST_NAME)) continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* walkTree(root, child, { manifest });
    else if (entry.isFile()) yield { relPath: child };
  }
}

/** Counts the files of the tree (the total of the progress bar): one pass, nothing kept. */
export async function countTree(root: string) {
  let files = 0;
  for await (const entry of walkTree(root)) if (!entry.error) files += 1;
  return files;
}
