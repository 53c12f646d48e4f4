import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { Logger } from '../../../platform/logger.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import {
  ExtractionError,
  type ExtractionInput,
  type ExtractionResult,
  type Extractor,
} from '../extractors/extractor.ts';
import { type ImageHeader, ImageHeaderError, readImageHeader } from './image-header.ts';
import type { OcrResultCache } from './ocr.cache.ts';
import { OCR_IMAGE_TYPES, type OcrStatus } from './ocr.models.ts';
import { type OcrRecord, saveOcrRecord } from './ocr.repository.ts';
import type { OcrSlots } from './ocr.slots.ts';
import type { OcrToolProbe } from './ocr.tools.ts';
import { OcrRunError, runOcrmypdf } from './ocrmypdf.runner.ts';
import { hasDigitalSignature, looksBroken } from './pdf-inspect.ts';
import { runTesseractImage, runTesseractScannedPdf } from './tesseract.runner.ts';

export type OcrLimits = { maxPixels: number; maxPages: number; timeoutMs: number };
export const UNAVAILABLE_DE = 'OCR nicht verfügbar';

const de = (n: number) => n.toLocaleString('de-DE');

/**
 * The OCR as two extractors of the extraction queue: one for scans as images (PNG, JPEG, TIFF,
 * also multi-page) and one that refines the PDF parser's result when pages have no text or the
 * text layer is broken. Each writes the version's OCR state (ocr_ergebnisse) and stores the
 * searchable PDF/A as a blob of its own; the original stays the version's file.
 */
export function createOcrExtractors(deps: {
  database: DatabaseHandle;
  blobs: BlobStore;
  slots: OcrSlots;
  tools: OcrToolProbe;
  limits: OcrLimits;
  logger: Logger;
  /** Finished results kept until their job commits (a retry after a failed commit reuses them). */
  cache?: OcrResultCache;
}) {
  const { limits } = deps;

  async function record(input: ExtractionInput, state: Partial<OcrRecord> & { status: OcrStatus }) {
    const ctx = input.context;
    if (!ctx) return;
    await saveOcrRecord(deps.database, ctx.tenantId, {
      dokumentId: ctx.dokumentId,
      version: ctx.version,
      grund: null,
      konfidenz: null,
      woerter: null,
      seiten: null,
      seitenErkannt: null,
      originalSha256: ctx.sha256,
      renditionSha256: null,
      renditionGroesse: null,
      pdfa: false,
      signiert: false,
      dauerMs: null,
      ...state,
    });
  }

  /** Refuses (failed, with the reason) and throws the German ExtractionError. */
  async function refuse(
    input: ExtractionInput,
    code: string,
    grund: string,
    seiten?: number,
  ): Promise<never> {
    await record(input, { status: 'failed', grund, seiten: seiten ?? null });
    throw new ExtractionError(code, grund);
  }

  async function recognise(
    input: ExtractionInput,
    {
      image,
      pages,
      toRecognise = pages,
      signed,
    }: { image?: ImageHeader; pages: number; toRecognise?: number; signed: boolean },
  ) {
    const started = Date.now();
    const tools = await deps.tools.get();
    const ctx = input.context;
    // A result kept from a run whose storing transaction failed (ocr.cache.ts): no second Tesseract run.
    const key =
      ctx && deps.cache
        ? deps.cache.keyOf({
            tenantId: ctx.tenantId,
            inputSha256: ctx.sha256,
            settings: { tools, image: image?.format ?? null, pages, toRecognise, signed, limits },
          })
        : null;
    try {
      const kept = key && ctx && deps.cache ? await deps.cache.get(key, ctx.tenantId) : null;
      const run = kept ?? (await runEngine(input, { image, pages, toRecognise, signed }));
      if (!kept && key && ctx && deps.cache)
        await deps.cache
          .put(key, { tenantId: ctx.tenantId, dokumentId: ctx.dokumentId, version: ctx.version }, run)
          .catch((error) => {
            deps.logger.warn({ err: error }, 'OCR result could not be kept for a retry');
          });
      const rendition = run.pdf ? await deps.blobs.put(run.pdf) : null;
      await record(input, {
        status: 'done',
        konfidenz: run.confidence,
        woerter: run.words,
        seiten: pages,
        seitenErkannt: run.pagesRecognised,
        renditionSha256: rendition?.sha256 ?? null,
        renditionGroesse: rendition?.size ?? null,
        pdfa: run.pdfa,
        signiert: signed,
        dauerMs: Date.now() - started,
      });
      return run;
    } catch (error) {
      if (error instanceof OcrRunError) await refuse(input, error.reasonCode, error.message, pages);
      throw error;
    }
  }

  async function runEngine(
    input: ExtractionInput,
    {
      image,
      pages,
      toRecognise,
      signed,
    }: { image?: ImageHeader; pages: number; toRecognise: number; signed: boolean },
  ) {
    const { slots, release } = await deps.slots.acquire(toRecognise);
    try {
      // Images and PDFs that are plain scans: Tesseract directly, page by page (tesseract.runner.ts);
      // other PDFs: OCRmyPDF, which recognises only their image pages and keeps the text pages.
      const direct = image
        ? await runTesseractImage({
            input: input.bytes,
            pages: image.pages,
            multipage: image.format === 'tiff',
            jobs: slots,
            timeoutMs: limits.timeoutMs,
          })
        : toRecognise >= pages
          ? await runTesseractScannedPdf({
              input: input.bytes,
              jobs: slots,
              timeoutMs: limits.timeoutMs,
              maxPixels: limits.maxPixels,
              wantPdf: !signed,
            })
          : null;
      return (
        direct ??
        (await runOcrmypdf({
          input: input.bytes,
          kind: 'pdf',
          jobs: slots,
          maxPixels: limits.maxPixels,
          timeoutMs: limits.timeoutMs,
          wantPdf: !signed,
        }))
      );
    } finally {
      release();
    }
  }

  const images: Extractor = {
    name: 'ocr',
    accepts: (mime) => (OCR_IMAGE_TYPES as readonly string[]).includes(mime),
    async extract(input): Promise<ExtractionResult> {
      let header: ReturnType<typeof readImageHeader>;
      try {
        header = readImageHeader(input.bytes, { maxPages: limits.maxPages });
      } catch (error) {
        if (error instanceof ImageHeaderError) return refuse(input, 'ocr.corrupt', error.message);
        throw error;
      }
      const { pages } = header;
      if (pages.length > limits.maxPages)
        return refuse(
          input,
          'ocr.too_many_pages',
          `Der Scan hat mehr als ${de(limits.maxPages)} Seiten; so lange Scans werden nicht erkannt. Bitte teilen Sie die Datei.`,
        );
      const big = pages.find((page) => page.width * page.height > limits.maxPixels);
      if (big)
        return refuse(
          input,
          'ocr.too_many_pixels',
          `Das Bild ist zu groß für die Texterkennung (${de(big.width)} × ${de(big.height)} Bildpunkte, höchstens ${de(limits.maxPixels / 1_000_000)} Megapixel); es wurde nicht geöffnet.`,
          pages.length,
        );
      const tools = await deps.tools.get();
      if (!tools.available) {
        await record(input, {
          status: 'unavailable',
          grund: `${UNAVAILABLE_DE}: es fehlt ${tools.missing}.`,
          seiten: pages.length,
        });
        return { text: '', extractor: 'ocr', pages: pages.length, metadata: { ocr: 'unavailable' } };
      }
      const run = await recognise(input, { image: header, pages: pages.length, signed: false });
      return { text: run.text, extractor: 'ocr', pages: pages.length, metadata: ocrMetadata(run.confidence) };
    },
  };

  const pdfs: Extractor = {
    name: 'ocr-pdf',
    accepts: (mime) => mime === 'application/pdf',
    refines: (result) =>
      result.metadata?.needsOcr === 'true' ||
      Number(result.metadata?.pagesWithoutText ?? 0) > 0 ||
      looksBroken(result.text),
    async extract(input): Promise<ExtractionResult> {
      const previous = input.previous ?? { text: '', extractor: 'pdf' };
      const pages = previous.pages ?? 1;
      if (pages > limits.maxPages) {
        await record(input, {
          status: 'skipped',
          grund: `Die PDF-Datei hat ${de(pages)} Seiten, mehr als die ${de(limits.maxPages)} der Texterkennung; ihre Textebene wurde übernommen, Bildseiten nicht erkannt.`,
          seiten: pages,
        });
        return previous;
      }
      const tools = await deps.tools.get();
      if (!tools.available) {
        await record(input, {
          status: 'unavailable',
          grund: `${UNAVAILABLE_DE}: es fehlt ${tools.missing}.`,
          seiten: pages,
        });
        return { ...previous, metadata: { ...previous.metadata, ocr: 'unavailable' } };
      }
      const signed = hasDigitalSignature(input.bytes);
      try {
        const run = await recognise(input, {
          pages,
          toRecognise: Number(previous.metadata?.pagesWithoutText ?? pages) || pages,
          signed,
        });
        // The text of the recognised file holds the text layer's pages and the recognised ones.
        const text = run.text || previous.text;
        return { ...previous, text, extractor: 'ocr-pdf', metadata: ocrMetadata(run.confidence) };
      } catch (error) {
        // The parser's text stays indexed; the OCR's failure is recorded with its reason.
        if (error instanceof ExtractionError && previous.text) return previous;
        throw error;
      }
    },
  };

  return { images, pdfs };
}

const ocrMetadata = (confidence: number | null): Record<string, string> =>
  confidence === null ? { ocr: 'done' } : { ocr: 'done', ocrConfidence: String(confidence) };
