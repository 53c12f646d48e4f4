import { decodeText } from '../../../shared/text.ts';
import type { Extractor } from './extractor.ts';

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
