import { folderOf, isIgnoredName } from '../import/import.models.ts';

// Pure rules of the consume folders: which files count, where a subfolder's files go, and when a
// file is complete (stopped changing for the stability window).

/** Failed files go here inside the folder, each with a `<name>.grund.txt` beside it. */
export const ERROR_FOLDER = '_fehler';

/** Whether a path (relative, forward slashes) is one the folder takes. */
export const isCandidate = (relPath: string) =>
  !relPath.split('/').some((part) => isIgnoredName(part) || part === ERROR_FOLDER) &&
  !relPath.endsWith('.grund.txt');

/** A rule: the files of a subfolder (and below) go to an Aktenplan unit or straight into a Vorgang. */
export type Regel = { unterordner: string; aktenplan?: string; vorgangId?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks rules as given by API or CLI; returns German errors for the bad ones. */
export function checkRegeln(input: unknown): { regeln: Regel[]; errors: string[] } {
  const errors: string[] = [];
  if (!Array.isArray(input) || input.length > 200)
    return { regeln: [], errors: ['Regeln: eine Liste (höchstens 200).'] };
  const regeln = input.map((raw, i) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const unterordner = String(r.unterordner ?? '')
      .replace(/\\/g, '/')
      .replace(/^\/+|\/+$/g, '');
    const aktenplan = typeof r.aktenplan === 'string' && r.aktenplan.trim() ? r.aktenplan.trim() : undefined;
    const vorgangId = typeof r.vorgangId === 'string' && r.vorgangId ? r.vorgangId : undefined;
    if (!unterordner || unterordner.split('/').some((p) => p === '..' || p === '.' || p === ERROR_FOLDER))
      errors.push(`Regel ${i + 1}: Unterordner fehlt oder ist ungültig.`);
    if ((aktenplan ? 1 : 0) + (vorgangId ? 1 : 0) !== 1)
      errors.push(`Regel ${i + 1}: genau eines von „aktenplan“ (Kennzeichen) oder „vorgangId“ angeben.`);
    if (vorgangId && !UUID.test(vorgangId)) errors.push(`Regel ${i + 1}: vorgangId ist keine Kennung.`);
    return { unterordner, ...(aktenplan ? { aktenplan } : {}), ...(vorgangId ? { vorgangId } : {}) };
  });
  return { regeln, errors };
}

/** The rule of the deepest subfolder that contains the file's folder; none: the folder's default. */
export function ruleFor(regeln: Regel[], relPath: string): Regel | undefined {
  const folder = folderOf(relPath);
  let best: Regel | undefined;
  for (const regel of regeln)
    if (
      (folder === regel.unterordner || folder.startsWith(`${regel.unterordner}/`)) &&
      regel.unterordner.length > (best?.unterordner.length ?? -1)
    )
      best = regel;
  return best;
}

type Seen = { size: number; mtimeMs: number; ino: number };

/**
 * Decides when a file is complete: it must look the same (size, modification time, inode) on two
 * looks in a row and have been untouched for the stability window. A file still being written (or
 * copied over the network, or replaced by a rename) changes between looks and waits.
 */
export function createStabilityTracker() {
  const seen = new Map<string, Seen>();
  return {
    ready(path: string, now: Seen, windowMs: number, nowMs = Date.now()) {
      const before = seen.get(path);
      seen.set(path, now);
      const same =
        before && before.size === now.size && before.mtimeMs === now.mtimeMs && before.ino === now.ino;
      return Boolean(same) && nowMs - now.mtimeMs >= windowMs;
    },
    forget(path: string) {
      seen.delete(path);
    },
    /** Drops what was not seen in the last pass (files gone), so the map stays as small as the folder. */
    keepOnly(paths: Set<string>) {
      for (const key of seen.keys()) if (!paths.has(key)) seen.delete(key);
    },
  };
}
