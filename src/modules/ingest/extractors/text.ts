import type { Extractor } from './extractor.ts';

/** UTF-8 if valid, else Windows-1252 (the usual encoding of older German text files). */
export function decodeText(bytes: Buffer) {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
}

export const textExtractor: Extractor = {
  name: 'text',
  accepts: (mime) => /^text\/(plain|markdown|csv)$/.test(mime) || mime === 'application/xml',
  async extract({ bytes, mime }) {
    let text = decodeText(bytes);
    // XML: element content only; no entity expansion, no DTD processing.
    if (mime === 'application/xml') text = text.replace(/<!DOCTYPE[\s\S]*?>/gi, '').replace(/<[^>]+>/g, ' ');
    return { text, extractor: 'text' };
  },
};
