import {
  checkDeclaredSizes,
  InflatedTooLarge,
  inflateDeclared,
  type ZipEntry,
  ZipRefused,
  ZipUnreadable,
  zipEntries,
} from '../../../platform/parsers/bounded-unzip.ts';
import type { FormDefinition, ImportWarning } from './form.models.ts';
import { type CodeList, parseGenericode } from './genericode.ts';
import { importXdatenfelder } from './xdatenfelder.ts';
import { FimImportError } from './xdf-elements.models.ts';
import { XML_LIMIT_BYTES, XmlRefused } from './xml.ts';

/**
 * The CPU-heavy half of a FIM import, run in a bounded parser process (formulare.usecases.ts): ZIP
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
  /** Each XML entry: no larger than an XML file uploaded on its own. */
  maxEntryBytes: XML_LIMIT_BYTES,
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
      total = checkDeclaredSizes(entry, {
        limits: FIM_ZIP_LIMITS,
        total,
        tooLargeTogether: {
          message: `XML entries larger than ${FIM_ZIP_LIMITS.maxTotalBytes} bytes together`,
          messageDe: `Die XML-Dateien des Archivs sind entpackt größer als ${FIM_ZIP_LIMITS.maxTotalBytes / MIB} MiB.`,
        },
      });
      selected.push(entry);
    }
    return selected.map((entry) => ({ name: entry.name, bytes: inflateDeclared(zip, entry) }));
  } catch (error) {
    if (error instanceof ZipRefused) throw zipRefused(error.code, error.message, error.messageDe);
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

/** readFimImport as the task of a bounded parser process (platform/parsers/bounded-pool.ts). */
export function readFimImportTask(input: { files: FimImportFile[] }): FimImportOutcome {
  return readFimImport(input.files);
}
