import {
  InflatedTooLarge,
  inflateEntry,
  type ZipEntry,
  ZipUnreadable,
  zipEntries,
} from '../../ingest/bounded-unzip.ts';
import type { FormDefinition, ImportWarning } from './form.models.ts';
import { type CodeList, FimImportError, importXdatenfelder, parseGenericode } from './xdatenfelder.ts';
import { XML_LIMIT_BYTES, XmlRefused } from './xml.ts';

/**
 * The CPU-heavy half of a FIM import, run in a bounded parser process (catalog.usecases.ts): ZIP
 * bundles unpacked with the output counted, strict UTF-8, no DTD, structural limits, the XML parse
 * and the conversion into a form definition. Refusals come back as data with their HTTP status; the
 * web process keeps the XSD check (xmllint, a process of its own) and the database work.
 */

export type FimImportFile = { name: string; bytes: Uint8Array };

export type FimImportOutcome =
  | {
      ok: true;
      /** The schema's bytes as uploaded or unpacked (for the XSD check and its hash). */
      schema: FimImportFile;
      definition: FormDefinition;
      warnings: ImportWarning[];
      missingCodeLists: string[];
    }
  | { ok: false; status: 400 | 422; code: string; message: string; messageDe: string };

const MIB = 1024 * 1024;
export const FIM_ZIP_LIMITS = {
  maxEntries: 1_000,
  /** All XML entries together, as declared and as inflated. */
  maxTotalBytes: 50 * MIB,
  maxRatio: 200,
  ratioFromBytes: MIB,
};

export class FimRefused extends Error {
  constructor(
    readonly status: 400 | 422,
    readonly code: string,
    message: string,
    readonly messageDe: string,
  ) {
    super(message);
  }
}

const zipRefused = (code: string, message: string, messageDe: string) =>
  new FimRefused(422, `fim.${code}`, message, `Import abgelehnt: ${messageDe}`);

/**
 * The XML entries of a bundle. Declared sizes are checked before anything is inflated; each entry
 * is then inflated with its output counted and refused the moment it grows past its declared size
 * ("zu groß entpackt"). Entries with path components like „..“ are ignored, as before.
 */
function unzipBundle(zip: Uint8Array, zipName: string): FimImportFile[] {
  const selected: ZipEntry[] = [];
  let total = 0;
  let count = 0;
  try {
    for (const entry of zipEntries(zip)) {
      if (++count > FIM_ZIP_LIMITS.maxEntries)
        throw zipRefused(
          'zip_too_many_entries',
          `more than ${FIM_ZIP_LIMITS.maxEntries} entries`,
          `Das Archiv „${zipName}“ enthält mehr als ${FIM_ZIP_LIMITS.maxEntries.toLocaleString('de-DE')} Dateien.`,
        );
      if (entry.name.includes('..') || entry.name.startsWith('/')) continue;
      if (!entry.name.toLowerCase().endsWith('.xml')) continue;
      if (selected.some((s) => s.name === entry.name)) continue;
      if (entry.declaredSize > XML_LIMIT_BYTES)
        throw zipRefused(
          'zip_entry_too_large',
          `entry ${entry.name} is larger than ${XML_LIMIT_BYTES} bytes`,
          `Die Datei „${entry.name}“ im Archiv ist größer als ${XML_LIMIT_BYTES / MIB} MiB.`,
        );
      total += entry.declaredSize;
      if (total > FIM_ZIP_LIMITS.maxTotalBytes)
        throw zipRefused(
          'zip_too_large',
          `XML entries larger than ${FIM_ZIP_LIMITS.maxTotalBytes} bytes together`,
          `Die XML-Dateien des Archivs sind entpackt größer als ${FIM_ZIP_LIMITS.maxTotalBytes / MIB} MiB.`,
        );
      if (
        entry.declaredSize > FIM_ZIP_LIMITS.ratioFromBytes &&
        entry.declaredSize > entry.compressedSize * FIM_ZIP_LIMITS.maxRatio
      )
        throw zipRefused(
          'zip_bomb',
          `entry ${entry.name} has a compression ratio above ${FIM_ZIP_LIMITS.maxRatio}`,
          `Die Datei „${entry.name}“ ist ungewöhnlich stark komprimiert (Verdacht auf eine Zip-Bombe); das Archiv wird nicht entpackt.`,
        );
      selected.push(entry);
    }
    return selected.map((entry) => {
      const bytes = inflateEntry(zip, entry, { limit: entry.declaredSize });
      if (bytes.length !== entry.declaredSize)
        throw zipRefused(
          'zip_size_mismatch',
          `entry ${entry.name} does not have its declared size`,
          `Die Datei „${entry.name}“ im Archiv ist beschädigt (Größe stimmt nicht mit der Angabe überein).`,
        );
      return { name: entry.name, bytes };
    });
  } catch (error) {
    if (error instanceof InflatedTooLarge)
      throw zipRefused(
        'zip_too_large_unpacked',
        `entry ${error.entry} inflates to more than its declared ${error.limit} bytes`,
        `Die Datei „${error.entry}“ im Archiv ist zu groß entpackt (größer als die im Archiv angegebenen ${error.limit.toLocaleString('de-DE')} Bytes); das Archiv wird nicht entpackt.`,
      );
    if (error instanceof ZipUnreadable)
      throw zipRefused(
        'zip_malformed',
        `unreadable zip ${zipName}: ${error.message}`,
        `Das Archiv „${zipName}“ ist beschädigt (kein gültiges ZIP-Archiv).`,
      );
    throw error;
  }
}

const isZip = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Splits an upload (XML files or ZIPs of them) into the schema and its genericode code lists. */
function collectImportFiles(files: FimImportFile[]) {
  const expanded = files.flatMap((file) => (isZip(file.bytes) ? unzipBundle(file.bytes, file.name) : [file]));
  const codeLists = new Map<string, CodeList>();
  const schemas: FimImportFile[] = [];
  const decoder = new TextDecoder('utf-8');
  for (const file of expanded) {
    const head = decoder.decode(file.bytes.subarray(0, 2048));
    if (/<(\w+:)?CodeList\b/.test(head)) {
      const list = parseGenericode(file.bytes, file.name);
      for (const key of list.keys) codeLists.set(key, list);
    } else schemas.push(file);
  }
  if (schemas.length !== 1)
    throw new FimRefused(
      400,
      'fim.schema_count',
      `expected exactly one XDatenfelder schema, got ${schemas.length}`,
      schemas.length === 0
        ? 'Es wurde kein XDatenfelder-Schema übertragen (nur Codelisten).'
        : `Es wurden ${schemas.length} Schemata übertragen; bitte genau eins je Import (Codelisten dürfen dabei sein).`,
    );
  return { schema: schemas[0]!, codeLists };
}

/** Reads the files of a FIM import into a form definition; refusals as data (status, code, texts). */
export function readFimImport(files: FimImportFile[]): FimImportOutcome {
  try {
    const { schema, codeLists } = collectImportFiles(files);
    const parsed = importXdatenfelder(schema.bytes, codeLists);
    return { ok: true, schema, ...parsed };
  } catch (error) {
    if (error instanceof FimRefused)
      return {
        ok: false,
        status: error.status,
        code: error.code,
        message: error.message,
        messageDe: error.messageDe,
      };
    if (error instanceof XmlRefused || error instanceof FimImportError)
      return {
        ok: false,
        status: 422,
        code: error.code,
        message: error.message,
        messageDe: `Import abgelehnt: ${error.messageDe}`,
      };
    throw error;
  }
}

/** readFimImport as the task of a bounded parser process (ingest/bounded-pool.ts). */
export function readFimImportTask(input: { files: FimImportFile[] }): FimImportOutcome {
  return readFimImport(input.files);
}
