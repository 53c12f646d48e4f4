// The public surface of the ingest module (type detection and text extraction): what other
// modules and the composition root use. The bounded parser processes themselves are platform
// (src/platform/parsers/), shared by extraction, the FIM import and the xdomea import.

export { registerAblagevorschlagRoutes } from './ablagevorschlag/ablagevorschlag.routes.ts';
export { createAblageLerner } from './ablagevorschlag/ablagevorschlag.runner.ts';
export {
  type AblagevorschlagUsecases,
  createAblagevorschlagUsecases,
} from './ablagevorschlag/ablagevorschlag.usecases.ts';
export { detectContentType, safeFileName } from './content-type.ts';
export { registerEingangsordnerRoutes } from './eingangsordner/eingangsordner.routes.ts';
export {
  createEingangsordnerUsecases,
  type EingangsordnerUsecases,
} from './eingangsordner/eingangsordner.usecases.ts';
export { createEingangsordnerWatcher } from './eingangsordner/eingangsordner.watcher.ts';
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
// Posteingang (issue 14, points 2–4 and 7): bulk import; intake files through the E-Akte's
// fileDokument, which main/ hands in as IntakeFiling (records uses ingest, so ingest never imports it).
export { type ImportProgress, progressBar, progressLine } from './import/import.models.ts';
export { registerImportRoutes } from './import/import.routes.ts';
export { createImportUsecases, IMPORT_JOB, type ImportUsecases } from './import/import.usecases.ts';
export type { IntakeFiling } from './import/intake-filing.ts';
export { registerImapPostfachRoutes } from './mail/imap.routes.ts';
export { createImapIntakeRunner } from './mail/imap.runner.ts';
export { createImapPostfachUsecases, type ImapPostfachUsecases } from './mail/imap.usecases.ts';
export { registerMailEingangRoutes } from './mail/mail.routes.ts';
export { createMailIntakeRunner } from './mail/mail.runner.ts';
export { createMailEingangUsecases, type MailEingangUsecases } from './mail/mail.usecases.ts';
// Metadata from the text (issue 14, point 6): suggestions with their position, confirmed by the user.
export { type MetadataSuggestions, suggestMetadata } from './metadaten/metadaten.models.ts';
export { type MetadatenDeps, registerMetadatenRoutes } from './metadaten/metadaten.routes.ts';
// OCR (issue 14, point 1): the state of a version's OCR and its German labels.
export { OCR_IMAGE_TYPES, OCR_STATUS_DE, type OcrStatus } from './ocr/ocr.models.ts';
export { type DokumentAccess, registerOcrRoutes } from './ocr/ocr.routes.ts';
export { createOcr, type Ocr, type RequeueExtraction } from './ocr/ocr.service.ts';
// The staff pages of the Posteingang (issue 14, UI) and their part of the document page.
export { dokumentVorschlaegeSection } from './ui/dokument-vorschlaege.pages.tsx';
export { registerPosteingangPages } from './ui/posteingang.pages.tsx';
// Virus scan (issue 14, point 5): call scanForViruses before anything is filed (portal, API,
// intake, import); assertMayFile throws the one German 422/503, intake reads mayFile and quarantines.
export { createUploadScreen, type ScreenUpload } from './virenscan/upload-screen.ts';
export { auditVirusFinding } from './virenscan/virenscan.audit.ts';
export { virenscanErrors } from './virenscan/virenscan.errors.ts';
export {
  assertMayFile,
  createVirusScanner,
  mayFile,
  type VirusScanInput,
  type VirusScanner,
  type VirusScannerHealth,
  type VirusScanResult,
  type VirusScanStatus,
} from './virenscan/virenscan.ts';
