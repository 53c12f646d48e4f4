import { type ImportedXdomea, XdomeaRefused } from './xdomea.import.models.ts';
import { readXdomeaZip } from './xdomea.import.ts';
import { unpackedEntry } from './xdomea.unzip.ts';

/**
 * Where a file's bytes lie in the zip: its stored or deflated data from `start`, checked to unpack
 * to exactly `size` bytes. The web process reads them from there as a stream (xdomea.import.files.ts),
 * so the documents of a large message do not travel back from the parser whole.
 */
export type ZipPart = { start: number; compressedSize: number; compression: 0 | 8; size: number };

export type ImportedXdomeaParts = Omit<ImportedXdomea, 'vorgaenge'> & {
  vorgaenge: Array<
    Omit<ImportedXdomea['vorgaenge'][number], 'dokumente'> & {
      dokumente: Array<
        Omit<ImportedXdomea['vorgaenge'][number]['dokumente'][number], 'dateien'> & {
          dateien: Array<{ dateiname: string; part: ZipPart }>;
        }
      >;
    }
  >;
};

export type XdomeaReadOutcome =
  | { ok: true; message: ImportedXdomeaParts }
  | { ok: false; code: string; message: string; messageDe: string };

const u16 = (d: Uint8Array, at: number) => d[at]! | (d[at + 1]! << 8);

/** The location of an unpacked file in its zip (its local header was checked when it was inflated). */
function partOf(zip: Uint8Array, bytes: Uint8Array): ZipPart {
  const entry = unpackedEntry(bytes);
  if (!entry) throw new Error('file not unpacked from this zip');
  const local = entry.localHeader;
  return {
    start: local + 30 + u16(zip, local + 26) + u16(zip, local + 28),
    compressedSize: entry.compressedSize,
    compression: entry.compression as 0 | 8,
    size: bytes.length,
  };
}

/**
 * readXdomeaZip as the task of a bounded parser process (platform/parsers/bounded-pool.ts): refusals as data,
 * the documents as their locations in the zip instead of their bytes.
 */
export function readXdomeaZipTask(zip: Uint8Array): XdomeaReadOutcome {
  try {
    const message = readXdomeaZip(zip);
    return {
      ok: true,
      message: {
        ...message,
        vorgaenge: message.vorgaenge.map((vg) => ({
          ...vg,
          dokumente: vg.dokumente.map((d) => ({
            ...d,
            dateien: d.dateien.map((f) => ({ dateiname: f.dateiname, part: partOf(zip, f.bytes) })),
          })),
        })),
      },
    };
  } catch (error) {
    if (!(error instanceof XdomeaRefused)) throw error;
    return { ok: false, code: error.code, message: error.message, messageDe: error.messageDe };
  }
}
