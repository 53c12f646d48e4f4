import path from 'node:path';
import { parseCsv } from '../../../shared/csv.ts';

// Pure rules of the bulk import: which names are taken, the manifest, the folder a file belongs to,
// and how progress reads (rate, remaining time, bar).

/** The manifest a tree may carry at its root; it is read, never imported. */
export const MANIFEST_NAME = 'manifest.csv';

/**
 * Names never taken: hidden files, files still being written (`.part`, `.tmp`, `.crdownload`),
 * Office lock files (`~$Brief.docx`) and the folder clutter of Windows and macOS.
 */
export function isIgnoredName(name: string) {
  return (
    name.startsWith('.') ||
    name.startsWith('~$') ||
    /\.(part|tmp|crdownload|partial)$/i.test(name) ||
    /^(thumbs\.db|desktop\.ini)$/i.test(name)
  );
}

/** The folder of a relative path as stored ('' for the root), always with forward slashes. */
export const folderOf = (relPath: string) => {
  const dir = path.posix.dirname(relPath);
  return dir === '.' ? '' : dir;
};

export const DOKUMENT_ARTEN = ['eingang', 'ausgang', 'intern'] as const;
export const VERTRAULICHKEITEN = ['offen', 'intern', 'vertraulich'] as const;

/** What the manifest may say about one file. */
export type ManifestEntry = {
  titel?: string;
  datum?: string;
  absender?: string;
  empfaenger?: string;
  art?: (typeof DOKUMENT_ARTEN)[number];
  vertraulichkeit?: (typeof VERTRAULICHKEITEN)[number];
  /** Betreff of the Vorgang to file into (instead of the file's folder). */
  vorgang?: string;
};

const COLUMNS = ['datei', 'titel', 'datum', 'absender', 'empfaenger', 'art', 'vertraulichkeit', 'vorgang'];

/** `24.06.2020` or `2020-06-24` → `2020-06-24`; null when it is no real date. */
export function manifestDate(value: string) {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const iso = german
    ? `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}`
    : /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? value
      : null;
  if (!iso) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/**
 * Parses the manifest (`datei;titel;datum;absender;empfaenger;art;vertraulichkeit;vorgang`, header
 * row required, any subset of columns after `datei`). All or nothing: every bad row is named.
 */
export function parseManifest(text: string): { entries: Map<string, ManifestEntry>; errors: string[] } {
  const rows = parseCsv(text);
  const entries = new Map<string, ManifestEntry>();
  const errors: string[] = [];
  const header = (rows[0] ?? []).map((cell) => cell.trim().toLowerCase());
  if (!header.includes('datei')) return { entries, errors: ['Kopfzeile mit der Spalte „datei“ fehlt.'] };
  const unknown = header.filter((name) => !COLUMNS.includes(name));
  if (unknown.length) errors.push(`Unbekannte Spalte(n): ${unknown.join(', ')}.`);
  for (const [i, cells] of rows.slice(1).entries()) {
    const line = i + 2;
    const cell = (name: string) => {
      const index = header.indexOf(name);
      return index < 0 ? undefined : cells[index]?.trim() || undefined;
    };
    const datei = cell('datei')?.replace(/\\/g, '/').replace(/^\.\//, '');
    if (!datei || datei.split('/').includes('..')) {
      errors.push(`Zeile ${line}: Datei fehlt oder ist ungültig.`);
      continue;
    }
    if (entries.has(datei)) {
      errors.push(`Zeile ${line}: „${datei}“ steht doppelt im Manifest.`);
      continue;
    }
    const entry: ManifestEntry = {};
    const datum = cell('datum');
    const iso = datum ? manifestDate(datum) : null;
    if (iso) entry.datum = iso;
    else if (datum)
      errors.push(`Zeile ${line}: Datum „${datum}“ ist kein Datum (TT.MM.JJJJ oder JJJJ-MM-TT).`);
    const art = cell('art')?.toLowerCase();
    if (art && !(DOKUMENT_ARTEN as readonly string[]).includes(art))
      errors.push(`Zeile ${line}: Art „${art}“ – erlaubt: eingang, ausgang, intern.`);
    else if (art) entry.art = art as ManifestEntry['art'];
    const vertraulichkeit = cell('vertraulichkeit')?.toLowerCase();
    if (vertraulichkeit && !(VERTRAULICHKEITEN as readonly string[]).includes(vertraulichkeit))
      errors.push(
        `Zeile ${line}: Vertraulichkeit „${vertraulichkeit}“ – erlaubt: offen, intern, vertraulich.`,
      );
    else if (vertraulichkeit) entry.vertraulichkeit = vertraulichkeit as ManifestEntry['vertraulichkeit'];
    for (const name of ['titel', 'absender', 'empfaenger', 'vorgang'] as const) {
      const value = cell(name);
      if (value && value.length > 500) errors.push(`Zeile ${line}: ${name} ist länger als 500 Zeichen.`);
      else if (value) entry[name] = value;
    }
    entries.set(datei, entry);
  }
  return { entries, errors };
}

/** Seconds as `1:05` or `2:03:07`. */
export function formatDuration(seconds: number) {
  const s = Math.max(0, Math.round(seconds));
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}

export type ImportProgress = {
  total: number | null;
  done: number;
  imported: number;
  duplicates: number;
  failed: number;
  /** Files per second of this process since it started. */
  rate: number;
};

/** Remaining seconds at the current rate; null while unknown. */
export const etaSeconds = (p: ImportProgress) =>
  p.total !== null && p.rate > 0 ? Math.max(0, (p.total - p.done) / p.rate) : null;

const de = (n: number) => n.toLocaleString('de-DE');

/** One line of progress (plain, for logs and pipes). */
export function progressLine(p: ImportProgress) {
  const eta = etaSeconds(p);
  return [
    `${de(p.done)}${p.total !== null ? `/${de(p.total)}` : ''} Dateien`,
    `${de(p.imported)} importiert, ${de(p.duplicates)} Duplikate, ${de(p.failed)} fehlgeschlagen`,
    `${p.rate.toFixed(1).replace('.', ',')} Dateien/s`,
    ...(eta !== null ? [`noch ${formatDuration(eta)}`] : []),
  ].join(' · ');
}

/** The progress bar of a terminal: `[#####-----]  50 % · …` in `width` columns at most. */
export function progressBar(p: ImportProgress, width = 80) {
  const share = p.total ? Math.min(1, p.done / p.total) : 0;
  const text = ` ${String(Math.floor(share * 100)).padStart(3)} % · ${progressLine(p)}`;
  const cells = Math.max(10, Math.min(40, width - text.length - 2));
  const filled = Math.round(share * cells);
  return `[${'#'.repeat(filled)}${'-'.repeat(cells - filled)}]${text}`.slice(0, Math.max(width - 1, 20));
}
