import { ExtractionError, type Extractor } from './extractor.ts';
import { decodeXmlEntities, readZipEntries } from './zip.ts';

/** OpenDocument text (ODT): content.xml paragraphs and headings. */
export const odtExtractor: Extractor = {
  name: 'odt',
  accepts: (mime) => mime === 'application/vnd.oasis.opendocument.text',
  async extract({ bytes }) {
    const parts = readZipEntries(bytes, (name) => name === 'content.xml');
    const content = parts['content.xml'];
    if (content === undefined)
      throw new ExtractionError('odt.malformed', 'Die ODT-Datei enthält keinen Inhalt (content.xml fehlt).');
    const body = content.replace(/^[\s\S]*?<office:body>/, '');
    const text = decodeXmlEntities(
      body
        .replace(/<text:s(?:\s+text:c="(\d+)")?\s*\/>/g, (_, n?: string) => ' '.repeat(Number(n ?? 1)))
        .replace(/<text:tab\s*\/>/g, '\t')
        .replace(/<text:line-break\s*\/>/g, '\n')
        .replace(/<\/text:(p|h)>/g, '\n')
        .replace(/<[^>]+>/g, ''),
    )
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    return { text, extractor: 'odt' };
  },
};
