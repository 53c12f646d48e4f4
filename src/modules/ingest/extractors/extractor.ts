// The shape every extractor shares (input, result, the German ExtractionError): its own file so
// that extractors.ts (the registry) and the extractors in extractors/ do not import each other.
import type { ByteStream } from '../../../platform/parsers/bounded-wire.ts';

/** Which stored version is extracted (extractors that keep a result of their own, e.g. OCR, use it). */
export type ExtractionContext = { tenantId: string; dokumentId: string; version: number; sha256: string };
export type ExtractionInput = {
  bytes: Buffer;
  mime: string;
  fileName: string;
  context?: ExtractionContext;
  /** For an extractor that refines: the result of the extractor before it. */
  previous?: ExtractionResult;
};
/**
 * The bytes, or a function that reads them when they are needed: the parser pool reads a blob only
 * when a parser is free for it, so queued work holds no file in memory — and a ByteStream (a blob
 * straight from the store) passes through to the parser without ever being whole in this process.
 */
export type ExtractionSource = Omit<ExtractionInput, 'bytes'> & {
  bytes: Buffer | (() => Promise<Buffer | ByteStream>);
};
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
  /**
   * Set for an extractor that runs after another one and improves its result (OCR of a PDF whose
   * text layer is missing, partial or broken): it runs only when this says yes for that result.
   */
  refines?(result: ExtractionResult): boolean;
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
