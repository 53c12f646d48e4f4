import { ByteStream, readAll } from '../../platform/parsers/bounded-wire.ts';
import { docxExtractor } from './extractors/docx.ts';
import { emlExtractor } from './extractors/eml.ts';
import {
  ExtractionError,
  type ExtractionResult,
  type ExtractionSource,
  type Extractor,
} from './extractors/extractor.ts';
import { htmlExtractor } from './extractors/html.ts';
import { odtExtractor } from './extractors/odt.ts';
import { pdfExtractor } from './extractors/pdf.ts';
import { textExtractor } from './extractors/text.ts';

export * from './extractors/extractor.ts';

const MAX_TEXT = 5_000_000;
export const cleanText = (text: string) =>
  text
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL cannot be stored in PostgreSQL text
    .replace(/\u0000/g, '')
    .replace(/\r\n?/g, '\n')
    .slice(0, MAX_TEXT);

export const defaultExtractors: Extractor[] = [
  pdfExtractor,
  docxExtractor,
  odtExtractor,
  emlExtractor,
  htmlExtractor,
  textExtractor,
];

export function createExtractorRegistry(extractors: Extractor[] = defaultExtractors) {
  const list = [...extractors];
  return {
    register(extractor: Extractor) {
      list.unshift(extractor);
    },
    list: () => list.map((e) => e.name),
    accepts: (mime: string) => list.some((e) => e.accepts(mime)),
    async extract(source: ExtractionSource): Promise<ExtractionResult> {
      const extractor = list.find((e) => e.accepts(source.mime));
      // Checked before the bytes are read: a type without extractor costs no read of the blob.
      if (!extractor) throw unsupported(source.mime);
      const got = typeof source.bytes === 'function' ? await source.bytes() : source.bytes;
      const bytes = got instanceof ByteStream ? await readAll(got) : got;
      if (bytes.length === 0) throw new ExtractionError('empty', 'Die Datei ist leer (0 Byte).');
      const result = await extractor.extract({ ...source, bytes });
      return { ...result, text: cleanText(result.text) };
    },
  };
}

export const unsupported = (mime: string) =>
  new ExtractionError('unsupported', `Für den Dateityp ${mime} gibt es keine Textextraktion.`);

/** What the rest of the product needs of a registry (in-process or the parser pool). */
export type ExtractorRegistry = {
  register(extractor: Extractor): void;
  list(): string[];
  /** Whether some extractor reads this type (if not, the file need not be read at all). */
  accepts(mime: string): boolean;
  extract(source: ExtractionSource): Promise<ExtractionResult>;
};
