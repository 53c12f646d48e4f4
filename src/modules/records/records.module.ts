import type { DatabaseHandle } from '../../platform/database/database.ts';
import type { Logger } from '../../platform/logger.ts';
import type { BlobStore } from '../blobs/blobs.module.ts';
import type { ExtractorRegistry } from '../ingest/ingest.module.ts';
import { createAktenUsecases } from './akten.usecases.ts';
import { aktenplanOnboardingHook, createAktenplanUsecases } from './aktenplan.usecases.ts';
import { createDokumenteUsecases } from './dokumente.usecases.ts';
import { createExtractionBatchJob, createExtractionGivenUp, createExtractionJob } from './extraction.job.ts';
import { createPostkorbUsecases } from './postkorb.usecases.ts';
import { createSearchUsecases } from './search.usecases.ts';

/** The E-Akte module as the composition root sees it. */
export function createRecordsModule(deps: {
  database: DatabaseHandle;
  blobs: BlobStore;
  extractors: ExtractorRegistry;
  logger: Logger;
  uploadLimitBytes: number;
}) {
  return {
    aktenplan: createAktenplanUsecases(deps),
    akten: createAktenUsecases(deps),
    dokumente: createDokumenteUsecases(deps),
    search: createSearchUsecases(deps),
    postkorb: createPostkorbUsecases(deps),
    onboardingHook: aktenplanOnboardingHook,
    extractionJob: createExtractionJob(deps),
    extractionBatchJob: createExtractionBatchJob(deps),
    // A given-up extraction shows its reason on the document instead of "pending" for ever.
    extractionGivenUp: createExtractionGivenUp(),
  };
}

export type RecordsModule = ReturnType<typeof createRecordsModule>;
