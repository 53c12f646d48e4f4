import { ExtractionError, type Extractor } from './extractor.ts';
import { decodeXmlEntities, readZipEntries } from './zip.ts';

const PARTS = /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/;
const TOKENS = /<\/w:p>|<w:tab\/>|<w:(?:br|cr)\b[^>]*\/>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g;

/** WordprocessingML to text: runs of a paragraph joined, paragraphs as lines. */
function wordText(xml: string) {
  let out = '';
  for (const match of xml.matchAll(TOKENS)) {
    const token = match[0];
    if (token === '</w:p>') out += '\n';
    else if (token === '<w:tab/>') out += '\t';
    else if (match[1] !== undefined) out += decodeXmlEntities(match[1]);
    else out += '\n';
  }
  return out;
}

/** Word (DOCX): body, headers, footers and notes. No XML parser, so no DTDs and no entity expansion. */
export const docxExtractor: Extractor = {
  name: 'docx',
  accepts: (mime) => mime === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  async extract({ bytes }) {
    const parts = readZipEntries(bytes, (name) => PARTS.test(name));
    if (parts['word/document.xml'] === undefined)
      throw new ExtractionError(
        'docx.malformed',
        'Die Word-Datei enthält kein Dokument (word/document.xml fehlt).',
      );
    const order = [
      'word/document.xml',
      ...Object.keys(parts)
        .filter((n) => n !== 'word/document.xml')
        .sort(),
    ];
    const text = order
      .map((name) => wordText(parts[name]!))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    return { text, extractor: 'docx' };
  },
};
