import { docxExtractor } from './extractors/docx.ts';
import { emlExtractor } from './extractors/eml.ts';
import { htmlExtractor } from './extractors/html.ts';
import { odtExtractor } from './extractors/odt.ts';
import { pdfExtractor } from './extractors/pdf.ts';
import { textExtractor } from './extractors/text.ts';

export type ExtractionInput = { bytes: Buffer; mime: string; fileName: string };
export type ExtractedAttachment = { fileName: string; mime: string; bytes: Buffer };
export type ExtractionResult = {
  text: string;
  extractor: string;
  pages?: number;
  attachments?: ExtractedAttachment[];
  metadata?: Record<string, string>;
};

/** One way of turning a file into text. OCR (Tesseract) plugs in as one more of these. */
export interface Extractor {
  name: string;
  accepts(mime: string): boolean;
  extract(input: ExtractionInput): Promise<ExtractionResult>;
}

/** A file that cannot be turned into text; `message` is German and shown to users. */
export class ExtractionError extends Error {
  constructor(
    readonly reasonCode: string,
    message: string,
  ) {
    super(message);
  }
}

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
    async extract(input: ExtractionInput): Promise<ExtractionResult> {
      if (input.bytes.length === 0) throw new ExtractionError('empty', 'Die Datei ist leer (0 Byte).');
      const extractor = list.find((e) => e.accepts(input.mime));
      if (!extractor)
        throw new ExtractionError(
          'unsupported',
          `Für den Dateityp ${input.mime} gibt es keine Textextraktion.`,
        );
      const result = await extractor.extract(input);
      return { ...result, text: cleanText(result.text) };
    },
  };
}

/** What the rest of the product needs of a registry (in-thread or the thread pool). */
export type ExtractorRegistry = {
  register(extractor: Extractor): void;
  list(): string[];
  extract(input: ExtractionInput): Promise<ExtractionResult>;
};
