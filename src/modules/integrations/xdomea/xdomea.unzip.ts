import {
  checkDeclaredSizes,
  InflatedTooLarge,
  inflateDeclared,
  type ZipEntry,
  ZipRefused,
  zipEntries,
} from '../../../platform/parsers/bounded-unzip.ts';
import { refuse, XdomeaRefused } from './xdomea.import.models.ts';

const MIB = 1024 * 1024;
export const XDOMEA_LIMITS = {
  maxEntries: 10_000,
  maxEntryBytes: 100 * MIB,
  maxTotalBytes: 500 * MIB,
  /** Deflate rarely beats 1:200 on real files; zeros reach 1:1000 (the zip bomb signature). */
  maxRatio: 200,
  /** Small entries may compress well (XML, text); the ratio only matters for larger ones. */
  ratioFromBytes: MIB,
};

/** Names that could escape the extraction directory or mean something else on Windows. */
function unsafeEntryName(name: string): boolean {
  return (
    name.includes('..') ||
    name.startsWith('/') ||
    name.startsWith('\\') ||
    name.includes('\\') ||
    name.includes('\0')
  );
}

/** The zip entry each unpacked file came from (for readXdomeaZipTask, which returns locations). */
const unpackedFrom = new WeakMap<Uint8Array, ZipEntry>();

/** The zip entry a file returned by readXdomeaZip was unpacked from. */
export const unpackedEntry = (bytes: Uint8Array) => unpackedFrom.get(bytes);

/**
 * Checks every entry on its declared sizes while reading the central directory (nothing inflated
 * yet), then inflates with the output counted: an entry that grows past its declared size is
 * refused at that byte ("zu groß entpackt"), so a lying entry costs no more than it declares; one
 * that stays short of it is refused as well. CRCs are not verified.
 */
export function unzipChecked(zip: Uint8Array): Map<string, Uint8Array> {
  const declared = new Map<string, number>();
  let total = 0;
  const inspect = (file: ZipEntry) => {
    if (declared.size >= XDOMEA_LIMITS.maxEntries)
      throw refuse(
        'zip_too_many_entries',
        `more than ${XDOMEA_LIMITS.maxEntries} entries`,
        `Das Archiv enthält mehr als ${XDOMEA_LIMITS.maxEntries.toLocaleString('de-DE')} Dateien.`,
      );
    if (unsafeEntryName(file.name))
      throw refuse(
        'zip_unsafe_name',
        `unsafe entry name ${JSON.stringify(file.name)}`,
        `Das Archiv enthält einen unzulässigen Dateinamen („${file.name}“); Pfadangaben wie „..“, „/“ am Anfang oder „\\“ sind nicht erlaubt.`,
      );
    total = checkDeclaredSizes(file, {
      limits: XDOMEA_LIMITS,
      total,
      tooLargeTogether: {
        message: `uncompressed content larger than ${XDOMEA_LIMITS.maxTotalBytes} bytes`,
        messageDe: `Der entpackte Inhalt des Archivs ist größer als ${XDOMEA_LIMITS.maxTotalBytes / MIB} MiB.`,
      },
    });
    if (declared.has(file.name))
      throw refuse(
        'zip_duplicate_name',
        `duplicate entry ${file.name}`,
        `Das Archiv enthält die Datei „${file.name}“ mehrfach.`,
      );
    declared.set(file.name, file.declaredSize);
  };

  const out = new Map<string, Uint8Array>();
  try {
    const entries: ZipEntry[] = [];
    for (const entry of zipEntries(zip)) {
      inspect(entry);
      if (!entry.name.endsWith('/')) entries.push(entry);
    }
    for (const entry of entries) {
      const bytes = inflateDeclared(zip, entry);
      out.set(entry.name, bytes);
      unpackedFrom.set(bytes, entry);
    }
  } catch (error) {
    if (error instanceof XdomeaRefused) throw error;
    if (error instanceof ZipRefused) throw refuse(error.code, error.message, error.messageDe);
    if (error instanceof InflatedTooLarge)
      throw refuse(
        'zip_too_large_unpacked',
        `entry ${error.entry} inflates beyond its declared size of ${error.limit} bytes`,
        `Die Datei „${error.entry}“ im Archiv ist zu groß entpackt: sie wird beim Entpacken größer als angegeben (${error.limit.toLocaleString('de-DE')} Byte); das Archiv wird nicht übernommen.`,
      );
    throw refuse(
      'zip_invalid',
      `not a readable zip: ${(error as Error).message}`,
      'Die Datei ist kein gültiges ZIP-Archiv oder beschädigt.',
    );
  }
  return out;
}
