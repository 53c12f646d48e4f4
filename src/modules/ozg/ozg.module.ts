import type { Config } from '../../platform/config.ts';
import type { DatabaseHandle } from '../../platform/database/database.ts';
import type { JobHandler } from '../../platform/jobs/jobs.ts';
import type { BlobStore } from '../blobs/blobs.module.ts';
import type { ScreenUpload } from '../ingest/ingest.module.ts';
import { ANTRAG_PDF_JOB, MAIL_JOB } from './antraege/antraege.models.ts';
import { createAntraegeUsecases } from './antraege/antraege.usecases.ts';
import { createEntwuerfeUsecases } from './antraege/entwuerfe.usecases.ts';
import { createMailJob } from './antraege/mail.job.ts';
import { createFormulareUsecases } from './formulare/formulare.usecases.ts';
import { leistungenOnboardingHook } from './leistungen/leistungen.onboarding.ts';
import { createLeistungenUsecases } from './leistungen/leistungen.usecases.ts';

// Public surface for the composition root (main/) and src/demo.
export type { OzgDeps, OzgUsecases, PortalDeps, StaffDeps } from './ozg.deps.ts';
export { registerOzgStaffPages } from './ozg.pages.ts';
export { registerOzgRoutes } from './ozg.routes.ts';
export { registerPortalPages } from './portal/portal.pages.tsx';
export { renderPortalError } from './portal/portal-error.page.tsx';

/** The OZG module as the composition root sees it: services (Leistungen), FIM forms, Anträge and drafts. */
export function createOzgModule(deps: {
  database: DatabaseHandle;
  blobs: BlobStore;
  config: Config;
  /** The virus scan of portal and API attachments before filing (issue 14). */
  screenUpload?: ScreenUpload;
}) {
  const leistungen = createLeistungenUsecases({ database: deps.database });
  const formulare = createFormulareUsecases({
    database: deps.database,
    xsdDir: deps.config.fim.xsdDir,
    parserLimits: deps.config.extraction,
    onImported: leistungen.forgetCached,
  });
  const antraege = createAntraegeUsecases({
    database: deps.database,
    blobs: deps.blobs,
    leistungen,
    formulare,
    mailEnabled: deps.config.smtp !== null,
    uploadLimitBytes: deps.config.uploads.limitBytes,
    screenUpload: deps.screenUpload,
  });
  const drafts = createEntwuerfeUsecases({
    database: deps.database,
    blobs: deps.blobs,
    leistungen,
    formulare,
    antraege,
  });
  const jobs: Array<[string, JobHandler]> = [
    [ANTRAG_PDF_JOB, (args) => antraege.filePdfJob(args)],
    [MAIL_JOB, createMailJob(deps.config.smtp)],
  ];
  return {
    leistungen,
    formulare,
    /** The catalogue as one object (services and their forms), as the CLI and tests call it. */
    catalog: { ...leistungen, ...formulare },
    antraege,
    drafts,
    onboardingHook: leistungenOnboardingHook,
    jobs,
    close: () => formulare.close(),
  };
}

export type OzgModule = ReturnType<typeof createOzgModule>;
