import { getResolvedPDFJS } from 'unpdf';
import { ExtractionError, type Extractor } from './extractor.ts';

// unpdf's getDocumentProxy() resolves a module path on every call, which under a module loader (tsx)
// costs a synchronous round trip to the loader thread per document; the pdf.js module is resolved
// once here instead, with the same options for text extraction.
let pdfjs: ReturnType<typeof getResolvedPDFJS> | undefined;
async function openPdf(bytes: Buffer) {
  pdfjs ??= getResolvedPDFJS();
  const { getDocument } = await pdfjs;
  return getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: true,
    stopAtErrors: false,
  }).promise;
}

/**
 * Structural limits, checked before any page is read. The page count comes from the page tree
 * (/Count); a tree that claims a billion pages (one page object referenced twice at each of 30
 * levels, 3.7 KB on disk) made pdf.js allocate a promise per page until the process died. Heap and
 * wall time are bounded by the parser process the extractor runs in (bounded-pool.ts).
 */
export const PDF_LIMITS = { maxPages: 10_000, pagesAtOnce: 16, maxTextChars: 5_000_000 };

const tooComplex = (pages: number) =>
  new ExtractionError(
    'pdf.too_complex',
    `Die PDF-Datei ist zu komplex für die Textextraktion (${pages.toLocaleString('de-DE')} Seiten angegeben, höchstens ${PDF_LIMITS.maxPages.toLocaleString('de-DE')}).`,
  );

/** Text of each page, a few pages at a time (not one promise per claimed page), up to the text limit. */
async function pageTexts(document: Awaited<ReturnType<typeof openPdf>>) {
  const texts: string[] = [];
  let length = 0;
  for (let first = 1; first <= document.numPages && length < PDF_LIMITS.maxTextChars; ) {
    const last = Math.min(document.numPages, first + PDF_LIMITS.pagesAtOnce - 1);
    const batch = await Promise.all(
      Array.from({ length: last - first + 1 }, async (_, i) => {
        const page = await document.getPage(first + i);
        const content = await page.getTextContent();
        page.cleanup();
        return content.items
          .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
          .join('');
      }),
    );
    for (const text of batch) {
      texts.push(text);
      length += text.length;
    }
    first = last + 1;
  }
  return texts;
}

/** PDF text layer via pdf.js (unpdf). A PDF without text layer yields empty text and needsOcr. */
export const pdfExtractor: Extractor = {
  name: 'pdf',
  accepts: (mime) => mime === 'application/pdf',
  async extract({ bytes }) {
    let document: Awaited<ReturnType<typeof openPdf>> | undefined;
    try {
      document = await openPdf(bytes);
      const totalPages = document.numPages;
      if (totalPages > PDF_LIMITS.maxPages) throw tooComplex(totalPages);
      const text = await pageTexts(document);
      const joined = text
        .map((page) => page.trim())
        .join('\n\n')
        .trim();
      // Pages without text (scans inside a born-digital PDF): the OCR reads only these.
      const blank = text.filter((page) => page.trim().length < 10).length;
      const metadata: Record<string, string> = joined ? {} : { needsOcr: 'true' };
      if (blank > 0) metadata.pagesWithoutText = String(blank);
      return { text: joined, extractor: 'pdf', pages: totalPages, metadata };
    } catch (error) {
      if (error instanceof ExtractionError) throw error;
      const name = (error as { name?: string })?.name ?? '';
      if (name === 'PasswordException')
        throw new ExtractionError(
          'pdf.encrypted',
          'Die PDF-Datei ist verschlüsselt (Kennwort); Text kann nicht gelesen werden.',
        );
      throw new ExtractionError(
        'pdf.malformed',
        'Die PDF-Datei ist beschädigt oder unvollständig; Text kann nicht gelesen werden.',
      );
    } finally {
      await document?.destroy().catch(() => {});
    }
  },
};
