// The PDF/A-2b setup lives in the platform (one setup for every PDF/A the product writes).
export { createPdfA, deDate, deTime, MARGIN, type PdfA, table } from '../../../platform/pdf/pdfa.ts';
