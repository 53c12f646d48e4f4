import { extractText, getDocumentProxy } from 'unpdf';
import { ExtractionError, type Extractor } from '../extractors.ts';

const TIMEOUT_MS = 30_000;

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
    let document: Awaited<ReturnType<typeof getDocumentProxy>> | undefined;
    try {
      document = await withTimeout(
        getDocumentProxy(new Uint8Array(bytes), {
          verbosity: 0,
          isEvalSupported: false,
          stopAtErrors: false,
        }),
        TIMEOUT_MS,
      );
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
