import { decodeText } from '../../../shared/text.ts';
import type { Extractor } from './extractor.ts';
import { decodeXmlEntities } from './zip.ts';

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  euro: '€',
  sect: '§',
  ndash: '–',
  mdash: '—',
  bdquo: '„',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  hellip: '…',
  shy: '',
  copy: '©',
  reg: '®',
  deg: '°',
  eacute: 'é',
};

export function htmlToText(html: string) {
  return decodeXmlEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<(script|style|head|template|noscript)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<(br|hr)\b[^>]*>/gi, '\n')
      .replace(
        /<\/?(p|div|h[1-6]|li|tr|table|section|article|header|footer|blockquote|pre|ul|ol|dl|dt|dd)\b[^>]*>/gi,
        '\n',
      )
      .replace(/<\/?(td|th)\b[^>]*>/gi, '\t')
      .replace(/<[^>]+>/g, ''),
    NAMED,
  )
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export const htmlExtractor: Extractor = {
  name: 'html',
  accepts: (mime) => mime === 'text/html',
  async extract({ bytes }) {
    return { text: htmlToText(decodeText(bytes)), extractor: 'html' };
  },
};
