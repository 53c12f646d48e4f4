// The public surface of the ingest module (type detection and text extraction): what other
// modules and the composition root use. The bounded parser processes themselves are platform
// (src/platform/parsers/), shared by extraction, the FIM import and the xdomea import.

export { detectContentType, safeFileName } from './content-type.ts';
export { createExtractionPool } from './extraction-pool.ts';
export {
  type ExtractedAttachment,
  ExtractionError,
  type ExtractionInput,
  type ExtractionResult,
  type ExtractionSource,
  type Extractor,
} from './extractors/extractor.ts';
export { createExtractorRegistry, type ExtractorRegistry } from './extractors.ts';
