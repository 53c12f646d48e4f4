import type { DatabaseHandle } from '../../platform/database/database.ts';
import type { Logger } from '../../platform/logger.ts';
import type { BlobStore } from '../blobs/blobs.module.ts';
import type { ExtractorRegistry, ScreenUpload } from '../ingest/ingest.module.ts';
import { createAktenUsecases } from './akten/akten.usecases.ts';
import { aktenplanOnboardingHook } from './aktenplan/aktenplan.onboarding.ts';
import { createAktenplanUsecases } from './aktenplan/aktenplan.usecases.ts';
import { dokumentScope } from './dokumente/dokument-scope.ts';
import { createDokumenteUsecases } from './dokumente/dokumente.usecases.ts';
import {
  createExtractionBatchJob,
  createExtractionGivenUp,
  createExtractionJob,
} from './dokumente/extraction.job.ts';
import { createPostkorbUsecases } from './postkorb/postkorb.usecases.ts';
import { createVorgaengeUsecases } from './vorgaenge/vorgaenge.usecases.ts';

// Public surface of the E-Akte for other modules and src/demo (per aggregate).
export type { Akte, CreateAkteInput } from './akten/akten.models.ts';
export { createAkteInTrx, loadVisibleAkte } from './akten/akten.usecases.ts';
export { unknownAktenplanUnit } from './aktenplan/aktenplan.errors.ts';
export type { AktenplanUnit } from './aktenplan/aktenplan.models.ts';
export { findDefaultKennzeichen, findUnitByKennzeichen } from './aktenplan/aktenplan.repository.ts';
export { STANDARD_TEMPLATE_ID } from './aktenplan/aktenplan.template.ts';
// The content of a document version as an HTTP answer (type, safe file name, hash as ETag).
export { serveContent } from './dokumente/dokument-content.routes.ts';
// Dokumente (dok): the one way to file a document, the statement pieces for a submission that files
// several at once, and what filing takes.
export type {
  Dokument,
  DokumentFields,
  DokumentInput,
  FilingVorgang,
  KnownText,
  UploadedFile,
  VorgangContext,
} from './dokumente/dokumente.models.ts';
export { loadVorgangContext } from './dokumente/dokumente.repository.ts';
export { dokumentFilingCtes } from './dokumente/dokumente.statements.ts';
// OCR (ingest) puts scans stored with „OCR nicht verfügbar“ back into the extraction queue.
export { requeueExtraction } from './dokumente/extraction.repository.ts';
export { addDokumentVersion, type FilingScope, fileDokument } from './dokumente/filing.usecases.ts';
export { renderTextPdf } from './dokumente/text-pdf.ts';
export { VERTRAULICHKEIT, vertraulichkeitLabels } from './records.models.ts';
export type { RecordsPagesDeps } from './records.page-kit.ts';
// Transport (rt): the API, the staff pages, and the filter vocabulary for search's transport.
export { registerRecordsPages } from './records.pages.tsx';
export { type RecordsDeps, registerRecordsRoutes } from './records.routes.ts';
export { createSearchFacets } from './search-facets.ts';
export { canWrite, requireWriter } from './viewer/viewer.models.ts';
export { dokumentVisible, type Viewer, viewerOf, vorgangVisible } from './viewer/viewer.ts';
export { VORGANG_STATUS, type Vorgang, type VorgangStatus } from './vorgaenge/vorgaenge.models.ts';
export { createVorgangInTrx, loadVisibleVorgang } from './vorgaenge/vorgaenge.usecases.ts';

/** The E-Akte module as the composition root sees it. */
export function createRecordsModule(deps: {
  database: DatabaseHandle;
  blobs: BlobStore;
  extractors: ExtractorRegistry;
  logger: Logger;
  uploadLimitBytes: number;
  /** The virus scan of uploads before filing (issue 14); without it uploads are not scanned. */
  screenUpload?: ScreenUpload;
}) {
  return {
    aktenplan: createAktenplanUsecases(deps),
    akten: createAktenUsecases(deps),
    vorgaenge: createVorgaengeUsecases(deps),
    dokumente: createDokumenteUsecases(deps),
    // The viewer rule as search asks for it (main/services.ts passes it to the search module).
    dokumentScope,
    postkorb: createPostkorbUsecases(deps),
    onboardingHook: aktenplanOnboardingHook,
    extractionJob: createExtractionJob(deps),
    extractionBatchJob: createExtractionBatchJob(deps),
    // A given-up extraction shows its reason on the document instead of "pending" for ever.
    extractionGivenUp: createExtractionGivenUp(),
  };
}

export type RecordsModule = ReturnType<typeof createRecordsModule>;
