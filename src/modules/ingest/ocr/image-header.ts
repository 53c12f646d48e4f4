/**
 * Dimensions of a PNG, JPEG or TIFF read from its header — without decoding a pixel. A 50,000 ×
 * 50,000 image can be a few KB on disk (one colour, compressed) and take 2.5 GB once decoded; it
 * is refused from these numbers before any decoder (Tesseract, Leptonica, Pillow) sees it.
 */
export type ImageHeader = {
  format: 'png' | 'jpeg' | 'tiff';
  /** One entry per page (TIFF: per IFD; PNG and JPEG: one). */
  pages: Array<{ width: number; height: number }>;
};

/** A header that cannot be read: the file is corrupt or truncated (German message for users). */
export class ImageHeaderError extends Error {}

const corrupt = (format: string) =>
  new ImageHeaderError(
    `Die ${format}-Datei ist beschädigt oder unvollständig; sie kann nicht erkannt werden.`,
  );

export function readImageHeader(bytes: Buffer, { maxPages }: { maxPages: number }): ImageHeader {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47) return png(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpeg(bytes);
  const order = bytes.subarray(0, 4).toString('latin1');
  if (order === 'II*\0' || order === 'MM\0*') return tiff(bytes, maxPages);
  throw new ImageHeaderError(
    'Das Bildformat wird für die Texterkennung nicht unterstützt (PNG, JPEG, TIFF).',
  );
}

function png(bytes: Buffer): ImageHeader {
  // Signature (8), then the IHDR chunk: length (4), "IHDR" (4), width (4), height (4).
  if (bytes.length < 24 || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') throw corrupt('PNG');
  return { format: 'png', pages: [{ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }] };
}

// Start-of-frame markers carry the size; C4 (Huffman), C8 (reserved) and CC (arithmetic) do not.
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpeg(bytes: Buffer): ImageHeader {
  let offset = 2;
  // Segments before the frame header are few; each step moves forward, so the walk ends.
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) throw corrupt('JPEG');
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2;
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2) throw corrupt('JPEG');
    if (SOF.has(marker))
      return {
        format: 'jpeg',
        pages: [{ height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) }],
      };
    if (marker === 0xd9 || marker === 0xda) break; // end of image or scan data before any frame
    offset += 2 + length;
  }
  throw corrupt('JPEG');
}

function tiff(bytes: Buffer, maxPages: number): ImageHeader {
  const little = bytes[0] === 0x49;
  const u16 = (at: number) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number) => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const inside = (at: number, size: number) => at >= 8 && at + size <= bytes.length;
  const pages: ImageHeader['pages'] = [];
  const seen = new Set<number>();
  let ifd = u32(4);
  while (ifd !== 0) {
    // A loop of IFDs (a crafted file) or an IFD outside the file: corrupt, not endless.
    if (seen.has(ifd) || !inside(ifd, 2)) throw corrupt('TIFF');
    seen.add(ifd);
    const entries = u16(ifd);
    if (!inside(ifd + 2, entries * 12 + 4)) throw corrupt('TIFF');
    let width = 0;
    let height = 0;
    for (let i = 0; i < entries; i++) {
      const entry = ifd + 2 + i * 12;
      const tag = u16(entry);
      if (tag !== 256 && tag !== 257) continue;
      const type = u16(entry + 2);
      const value = type === 3 ? u16(entry + 8) : type === 4 ? u32(entry + 8) : -1;
      if (value < 0) throw corrupt('TIFF');
      if (tag === 256) width = value;
      else height = value;
    }
    if (width === 0 || height === 0) throw corrupt('TIFF');
    pages.push({ width, height });
    // Counting stops just past the limit: the caller refuses with the limit, not the true count.
    if (pages.length > maxPages) break;
    ifd = u32(ifd + 2 + entries * 12);
  }
  if (pages.length === 0) throw corrupt('TIFF');
  return { format: 'tiff', pages };
}
