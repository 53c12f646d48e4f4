import { constants, createDeflateRaw } from 'node:zlib';

/**
 * Hostile files for the hardening tests, built here so they need no fixtures on disk: each is small
 * and costs an unbounded parser dearly.
 */

/**
 * A PDF whose page tree doubles at each level: every /Pages node lists the same child twice
 * (`/Kids [n 0 R n 0 R]`), so 30 levels claim 2^30 pages (`/Count 1073741824`) in about 3.7 KB.
 * pdf.js allocated a promise per claimed page until the process died (4.4 GB, 57 s).
 */
export function exponentialPageTreePdf(levels = 30): Buffer {
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>'];
  for (let level = 0; level < levels; level++) {
    const self = 2 + level;
    const child = self + 1;
    const parent = level === 0 ? '' : ` /Parent ${self - 1} 0 R`;
    objects.push(
      `<< /Type /Pages /Kids [${child} 0 R ${child} 0 R] /Count ${2 ** (levels - level)}${parent} >>`,
    );
  }
  objects.push(`<< /Type /Page /Parent ${levels + 1} 0 R /MediaBox [0 0 595 842] /Resources << >> >>`);
  let body = '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * A raw deflate stream that inflates to `bytes` zeros (rounded up to whole MiB), built without ever
 * holding them: one MiB is compressed once and its sync-flushed block repeated (its back references
 * only reach zeros). About 1 KB per inflated MiB.
 */
export async function deflatedZeros(bytes: number): Promise<Uint8Array> {
  const mib = new Uint8Array(1024 * 1024);
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const flush = async () => {
    await new Promise<void>((resolve) => deflate.flush(constants.Z_SYNC_FLUSH, () => resolve()));
    const out = Buffer.concat(chunks.splice(0));
    return out;
  };
  deflate.write(mib);
  const first = await flush();
  deflate.write(mib);
  const repeated = await flush();
  const end = await new Promise<Buffer>((resolve) => {
    deflate.on('end', () => resolve(Buffer.concat(chunks.splice(0))));
    deflate.end();
  });
  const times = Math.max(0, Math.ceil(bytes / mib.length) - 1);
  const out = new Uint8Array(first.length + repeated.length * times + end.length);
  out.set(first, 0);
  for (let i = 0; i < times; i++) out.set(repeated, first.length + i * repeated.length);
  out.set(end, first.length + repeated.length * times);
  return out;
}

export type RawZipEntry = {
  name: string;
  /** The entry's data as stored in the zip (already deflated when `method` is 8). */
  data: Uint8Array;
  method: 0 | 8;
  /** The uncompressed size written into the local header and the central directory. */
  declaredSize: number;
};

/** An entry of `zipPieces`: its stored bytes come as chunks, so that a large one is never held whole. */
export type ZipPieceEntry = {
  name: string;
  method: 0 | 8;
  /** The length of the stored data (all chunks together). */
  size: number;
  /** The uncompressed size written into the local header and the central directory. */
  declaredSize: number;
  chunks: () => Iterable<Uint8Array>;
};

/**
 * A zip assembled by hand, piece by piece in file order (local header, name and data of each
 * entry, then the central directory), so that its headers may say what the tests want and a large
 * one can be written out without being held. CRCs are left 0 (not checked on import).
 */
export function* zipPieces(entries: ZipPieceEntry[]): Generator<Uint8Array> {
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, 0x800, true); // UTF-8 names
    local.setUint16(8, entry.method, true);
    local.setUint32(18, entry.size, true);
    local.setUint32(22, entry.declaredSize, true);
    local.setUint16(26, name.length, true);
    yield new Uint8Array(local.buffer);
    yield name;
    yield* entry.chunks();
    const header = new DataView(new ArrayBuffer(46));
    header.setUint32(0, 0x02014b50, true);
    header.setUint16(4, 20, true);
    header.setUint16(6, 20, true);
    header.setUint16(8, 0x800, true);
    header.setUint16(10, entry.method, true);
    header.setUint32(20, entry.size, true);
    header.setUint32(24, entry.declaredSize, true);
    header.setUint16(28, name.length, true);
    header.setUint32(42, offset, true);
    central.push(new Uint8Array(header.buffer), name);
    offset += 30 + name.length + entry.size;
  }
  yield* central;
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(
    12,
    central.reduce((sum, part) => sum + part.length, 0),
    true,
  );
  end.setUint32(16, offset, true);
  yield new Uint8Array(end.buffer);
}

/** A zip assembled by hand in memory (zipPieces), so that its headers may say what the tests want. */
export function rawZip(entries: RawZipEntry[]): Uint8Array {
  const all = [
    ...zipPieces(
      entries.map(({ name, data, method, declaredSize }) => ({
        name,
        method,
        size: data.length,
        declaredSize,
        chunks: () => [data],
      })),
    ),
  ];
  const out = new Uint8Array(all.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of all) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * A zip whose entries each declare `declaredSize` bytes (local header and central directory alike)
 * while their deflate streams inflate to `inflatedSize` zeros; `plain` entries are stored as they are.
 */
export async function lyingZip({
  lying,
  inflatedSize,
  declaredSize = 1_000,
  plain = {},
}: {
  lying: string[];
  inflatedSize: number;
  declaredSize?: number;
  plain?: Record<string, Uint8Array>;
}): Promise<Uint8Array> {
  const zeros = await deflatedZeros(inflatedSize);
  return rawZip([
    ...Object.entries(plain).map(([name, data]) => ({
      name,
      data,
      method: 0 as const,
      declaredSize: data.length,
    })),
    ...lying.map((name) => ({ name, data: zeros, method: 8 as const, declaredSize })),
  ]);
}
