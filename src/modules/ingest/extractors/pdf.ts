import { extractText, getResolvedPDFJS } from 'unpdf';
import { ExtractionError, type Extractor } from '../extractors.ts';

const TIMEOUT_MS = 30_000;

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

function withTimeout<T>(work: Promise<T>, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ExtractionError('timeout', `Die Textextraktion dauerte länger als ${ms / 1000} s.`)),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** PDF text layer via pdf.js (unpdf). A PDF without text layer yields empty text and needsOcr. */
export const pdfExtractor: Extractor = {
  name: 'pdf',
  accepts: (mime) => mime === 'application/pdf',
  async extract({ bytes }) {
    let document: Awaited<ReturnType<typeof openPdf>> | undefined;
    try {
      document = await withTimeout(openPdf(bytes), TIMEOUT_MS);
      const { totalPages, text } = await withTimeout(
        extractText(document, { mergePages: false }),
        TIMEOUT_MS,
      );
      const joined = text
        .map((page) => page.trim())
        .join('\n\n')
        .trim();
      return {
        text: joined,
        extractor: 'pdf',
        pages: totalPages,
        metadata: (joined ? {} : { needsOcr: 'true' }) as Record<string, string>,
      };
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
