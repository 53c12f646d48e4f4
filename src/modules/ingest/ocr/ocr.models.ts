/**
 * The OCR state of one document version (table `ocr_ergebnisse`, migration 0050):
 * - `pending`: queued or running;
 * - `done`: a searchable PDF/A rendition exists (or, for a signed PDF, the text was read and the
 *   file left untouched), with the mean word confidence;
 * - `unavailable`: stored with „OCR nicht verfügbar“ (Tesseract or its German model missing); done
 *   by itself as soon as Tesseract appears — never lost;
 * - `skipped`: nothing to recognise or not allowed (born-digital text, password protected);
 * - `failed`: the file could not be recognised, with a German reason (corrupt, too many pixels …).
 */
export type OcrStatus = 'pending' | 'done' | 'unavailable' | 'skipped' | 'failed';

export const OCR_STATUS_DE: Record<OcrStatus, string> = {
  pending: 'OCR läuft',
  done: 'OCR erledigt',
  unavailable: 'OCR nicht verfügbar',
  skipped: 'keine OCR nötig',
  failed: 'OCR fehlgeschlagen',
};

/** Image types the OCR reads (besides PDFs without or with a broken text layer). */
export const OCR_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/tiff'] as const;
