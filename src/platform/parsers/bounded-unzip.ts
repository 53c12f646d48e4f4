import { inflateRawSync } from 'node:zlib';
import { strFromU8 } from 'fflate';

/**
 * Zip reading for untrusted archives (xdomea imports, Office files). The central directory is read
 * without inflating anything, so callers can refuse on names, counts and declared sizes first; an
 * entry is then inflated in small steps while its output is counted, and inflating stops the
 * moment the output passes the limit — declared sizes are checked, never trusted. (fflate's
 * unzipSync inflates into a buffer of the declared size but keeps decoding the whole stream: an
 * entry declaring 1,000 bytes that inflates to 2 GB kept the event loop busy for 50 s.)
 */

export type ZipEntry = {
  name: string;
  /** 0 stored, 8 deflate; anything else is refused when inflated. */
  compression: number;
  compressedSize: number;
  /** The uncompressed size the central directory claims. */
  declaredSize: number;
  /** Offset of the entry's local header (checked only when the entry is inflated). */
  localHeader: number;
};

/** Not a zip, or a broken one (offsets outside the file, unknown compression, corrupt deflate). */
export class ZipUnreadable extends Error {}

/** An entry whose output passed the limit while it was being inflated. */
export class InflatedTooLarge extends Error {
  constructor(
    readonly entry: string,
    readonly limit: number,
  ) {
    super(`entry ${entry} inflates to more than ${limit} bytes`);
  }
}

/** Output step of zlib: large enough to be fast, small enough to stop soon after the limit. */
const CHUNK = 1024 * 1024;

const u16 = (d: Uint8Array, at: number) => d[at]! | (d[at + 1]! << 8);
const u32 = (d: Uint8Array, at: number) =>
  (d[at]! | (d[at + 1]! << 8) | (d[at + 2]! << 16) | (d[at + 3]! << 24)) >>> 0;
const u64 = (d: Uint8Array, at: number) => u32(d, at) + u32(d, at + 4) * 2 ** 32;

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ZipUnreadable(message);
}

/** The end of the central directory: entry count and offset (ZIP64 aware, as fflate). */
function centralDirectory(zip: Uint8Array) {
  let end = zip.length - 22;
  check(end >= 0, 'too short for a zip');
  while (u32(zip, end) !== 0x06054b50) {
    end--;
    check(end >= 0 && zip.length - end <= 65558, 'no end of central directory');
  }
  let count = u16(zip, end + 8);
  let offset = u32(zip, end + 16);
  if (end >= 20 && u32(zip, end - 20) === 0x07064b50) {
    const end64 = u64(zip, end - 12);
    if (end64 + 56 <= zip.length && u32(zip, end64) === 0x06064b50) {
      count = u64(zip, end64 + 32);
      offset = u64(zip, end64 + 48);
    }
  }
  return { count, offset };
}

/** The entries in central-directory order, one at a time (a caller may stop early: 100,000 members). */
export function* zipEntries(zip: Uint8Array): Generator<ZipEntry> {
  const { count, offset } = centralDirectory(zip);
  let at = offset;
  for (let i = 0; i < count; i++) {
    check(at + 46 <= zip.length && u32(zip, at) === 0x02014b50, 'broken central directory');
    const flags = u16(zip, at + 8);
    const compression = u16(zip, at + 10);
    let compressedSize = u32(zip, at + 20);
    let declaredSize = u32(zip, at + 24);
    const nameLength = u16(zip, at + 28);
    const extraLength = u16(zip, at + 30);
    let local = u32(zip, at + 42);
    check(at + 46 + nameLength + extraLength <= zip.length, 'broken central directory');
    const name = strFromU8(zip.subarray(at + 46, at + 46 + nameLength), !(flags & 0x800));
    // ZIP64: sizes and offset of 0xFFFFFFFF are in the extra field 0x0001, in this order.
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || local === 0xffffffff) {
      const extraEnd = at + 46 + nameLength + extraLength;
      for (let x = at + 46 + nameLength; x + 4 <= extraEnd; x += 4 + u16(zip, x + 2)) {
        if (u16(zip, x) !== 1) continue;
        let field = x + 4;
        const next = () => {
          const value = u64(zip, field);
          field += 8;
          return value;
        };
        if (declaredSize === 0xffffffff) declaredSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (local === 0xffffffff) local = next();
        break;
      }
    }
    yield { name, compression, compressedSize, declaredSize, localHeader: local };
    at += 46 + nameLength + extraLength + u16(zip, at + 32);
  }
}

/**
 * Inflates one entry, counting its output while inflating; throws InflatedTooLarge as soon as it
 * passes `limit` (pass the declared size to refuse any entry that lies about it).
 */
export function inflateEntry(zip: Uint8Array, entry: ZipEntry, { limit }: { limit: number }): Uint8Array {
  const local = entry.localHeader;
  check(local + 30 <= zip.length && u32(zip, local) === 0x04034b50, `no local header for ${entry.name}`);
  const dataStart = local + 30 + u16(zip, local + 26) + u16(zip, local + 28);
  check(dataStart + entry.compressedSize <= zip.length, `data of ${entry.name} outside the zip`);
  const data = zip.subarray(dataStart, dataStart + entry.compressedSize);
  if (entry.compression === 0) {
    if (data.length > limit) throw new InflatedTooLarge(entry.name, limit);
    return data.slice();
  }
  if (entry.compression !== 8)
    throw new ZipUnreadable(`unknown compression method ${entry.compression} of ${entry.name}`);
  let out: Buffer;
  try {
    // Native inflate, counted as it goes: zlib stops (ERR_BUFFER_TOO_LARGE) as soon as its output
    // passes maxOutputLength, after at most one chunk (1 MiB) more. fflate's streaming Inflate counts
    // as well but runs at ~40 MB/s on such streams; zlib is ~30 times faster.
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, limit), chunkSize: CHUNK });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new InflatedTooLarge(entry.name, limit);
    throw new ZipUnreadable(`corrupt deflate data in ${entry.name}: ${(error as Error).message}`);
  }
  if (out.length > limit) throw new InflatedTooLarge(entry.name, limit);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** An entry refused on its sizes; `code` is without namespace (callers put theirs before it). */
export class ZipRefused extends Error {
  constructor(
    readonly code: 'zip_entry_too_large' | 'zip_too_large' | 'zip_bomb' | 'zip_size_mismatch',
    message: string,
    readonly messageDe: string,
  ) {
    super(message);
  }
}

/** Limits on the sizes an archive declares, checked before anything is inflated. */
export type DeclaredLimits = {
  maxEntryBytes: number;
  /** All entries that count (`checkDeclaredSizes`'s `total`) together. */
  maxTotalBytes: number;
  /** Deflate rarely beats 1:200 on real files; zeros reach 1:1000 (the zip bomb signature). */
  maxRatio: number;
  /** Small entries may compress well (XML, text); the ratio only matters for larger ones. */
  ratioFromBytes: number;
};

const MIB = 1024 * 1024;

/**
 * Checks one entry's declared sizes against `limits` (nothing is inflated): the entry alone, the
 * running total of the entries so far (`total`; returned with this one added), and its compression
 * ratio. Throws ZipRefused; `tooLargeTogether` says what the total is of, in the caller's words.
 */
export function checkDeclaredSizes(
  entry: ZipEntry,
  {
    limits,
    total,
    tooLargeTogether,
  }: { limits: DeclaredLimits; total: number; tooLargeTogether: { message: string; messageDe: string } },
): number {
  if (entry.declaredSize > limits.maxEntryBytes)
    throw new ZipRefused(
      'zip_entry_too_large',
      `entry ${entry.name} is larger than ${limits.maxEntryBytes} bytes`,
      `Die Datei „${entry.name}“ im Archiv ist größer als ${limits.maxEntryBytes / MIB} MiB.`,
    );
  const together = total + entry.declaredSize;
  if (together > limits.maxTotalBytes)
    throw new ZipRefused('zip_too_large', tooLargeTogether.message, tooLargeTogether.messageDe);
  if (
    entry.declaredSize > limits.ratioFromBytes &&
    entry.declaredSize > entry.compressedSize * limits.maxRatio
  )
    throw new ZipRefused(
      'zip_bomb',
      `entry ${entry.name} has a compression ratio above ${limits.maxRatio}`,
      `Die Datei „${entry.name}“ ist ungewöhnlich stark komprimiert (Verdacht auf eine Zip-Bombe); das Archiv wird nicht entpackt.`,
    );
  return together;
}

/**
 * Inflates an entry to exactly its declared size: InflatedTooLarge the moment it grows past it
 * ("zu groß entpackt"), ZipRefused `zip_size_mismatch` when it stays short of it.
 */
export function inflateDeclared(zip: Uint8Array, entry: ZipEntry): Uint8Array {
  const bytes = inflateEntry(zip, entry, { limit: entry.declaredSize });
  if (bytes.length !== entry.declaredSize)
    throw new ZipRefused(
      'zip_size_mismatch',
      `entry ${entry.name} does not have its declared size`,
      `Die Datei „${entry.name}“ im Archiv ist beschädigt (Größe stimmt nicht mit der Angabe überein).`,
    );
  return bytes;
}
