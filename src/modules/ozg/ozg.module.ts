import type { Config } from '../../platform/config.ts';
import type { DatabaseHandle } from '../../platform/database/database.ts';
import type { JobHandler } from '../../platform/jobs/jobs.ts';
import type { BlobStore } from '../blobs/blobs.module.ts';
import { ANTRAG_PDF_JOB, createAntraegeUsecases, MAIL_JOB } from './antraege.usecases.ts';
import { createCatalogUsecases, servicesOnboardingHook } from './catalog.usecases.ts';
import { createDraftUsecases } from './drafts.usecases.ts';
import { createMailJob } from './mailer.ts';

/** The OZG module as the composition root sees it. */
export function createOzgModule(deps: { database: DatabaseHandle; blobs: BlobStore; config: Config }) {
  const catalog = createCatalogUsecases({
    database: deps.database,
    xsdDir: deps.config.fim.xsdDir,
    parserLimits: deps.config.extraction,
  });
  const antraege = createAntraegeUsecases({
    database: deps.database,
    blobs: deps.blobs,
    catalog,
    mailEnabled: deps.config.smtp !== null,
    uploadLimitBytes: deps.config.uploads.limitBytes,
  });
  const drafts = createDraftUsecases({ database: deps.database, blobs: deps.blobs, catalog, antraege });
  const jobs: Array<[string, JobHandler]> = [
    [ANTRAG_PDF_JOB, (args) => antraege.filePdfJob(args)],
    [MAIL_JOB, createMailJob(deps.config.smtp)],
  ];
  return {
    catalog,
    antraege,
    drafts,
    onboardingHook: servicesOnboardingHook,
    jobs,
    close: () => catalog.close(),
  };
}

export type OzgModule = ReturnType<typeof createOzgModule>;
