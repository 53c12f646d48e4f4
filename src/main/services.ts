import { createAuditRepository } from '../modules/audit/audit.module.ts';
import { createBlobStore } from '../modules/blobs/blobs.module.ts';
import { createGremienModule, renderRatsinfoError } from '../modules/gremien/gremien.module.ts';
import { createIdentityModule } from '../modules/identity/identity.module.ts';
import {
  createAblageLerner,
  createAblagevorschlagUsecases,
  createEingangsordnerUsecases,
  createEingangsordnerWatcher,
  createExtractionPool,
  createImapIntakeRunner,
  createImapPostfachUsecases,
  createImportUsecases,
  createMailEingangUsecases,
  createMailIntakeRunner,
  createOcr,
  createUploadScreen,
  createVirusScanner,
} from '../modules/ingest/ingest.module.ts';
import { createIntegrationsModule } from '../modules/integrations/integrations.module.ts';
import { createOzgModule, renderPortalError } from '../modules/ozg/ozg.module.ts';
import {
  createAkteInTrx,
  createRecordsModule,
  createVorgangInTrx,
  fileDokument,
  loadVorgangContext,
  requeueExtraction,
} from '../modules/records/records.module.ts';
import { createSearchModule, createSearchReindex } from '../modules/search/search.module.ts';
import {
  createSteuerungAuffrischung,
  createSteuerungModule,
  STANDARD_ARTEFAKT_ARTEN,
} from '../modules/steuerung/steuerung.module.ts';
import {
  aenderungBeratungErfasst,
  createAenderungenModule,
  createVerbundUsecases,
} from '../modules/verbund/verbund.module.ts';
import type { Config } from '../platform/config.ts';
import { createDatabase } from '../platform/database/database.ts';
import type { PlatformContext } from '../platform/http/context.ts';
import { createRateLimiter } from '../platform/http/rate-limit.ts';
import {
  type BatchJobHandler,
  createJobWorker,
  type JobGivenUpHandler,
  type JobHandler,
} from '../platform/jobs/jobs.ts';
import type { Logger } from '../platform/logger.ts';
import { createArtifactRegistry } from '../platform/onboarding/artifacts.ts';
import { createOnboardingRegistry } from '../platform/onboarding/onboarding.ts';

/**
 * The one composition root: web, worker, CLI and tests all get their dependencies from here.
 * Modules register their onboarding hooks and job handlers in this function and nowhere else.
 */
export function buildServices({
  config,
  appUrl,
  logger,
  poolSize = 10,
}: {
  config: Config;
  appUrl: string;
  logger: Logger;
  poolSize?: number;
}) {
  const database = createDatabase({ connectionString: appUrl, max: poolSize });
  const onboarding = createOnboardingRegistry();
  const identityModule = createIdentityModule({ database, sessionHours: config.session.hours });
  onboarding.register(identityModule.onboardingHook);

  const jobHandlers = new Map<string, JobHandler>();
  const identity = identityModule.usecases;
  const verbund = createVerbundUsecases({ database, onboarding });
  const audit = createAuditRepository({ database });
  const blobs = createBlobStore(config.blobs);
  const extractors = createExtractionPool(config.extraction);
  // Posteingang (issue 14): virus scan before filing, OCR as extractors of the extraction queue.
  const virenscan = createVirusScanner(config.virenscan);
  const screenUpload = createUploadScreen({ scanner: virenscan, blobs, database });
  const ocr = createOcr({
    database,
    blobs,
    config: config.ocr,
    logger,
    requeue: requeueExtraction,
    cacheDir: `${config.dataDir}/ocr-ergebnisse`,
  });
  extractors.register(ocr.extractors.pdfs);
  extractors.register(ocr.extractors.images);
  const records = createRecordsModule({
    database,
    blobs,
    extractors,
    logger,
    uploadLimitBytes: config.uploads.limitBytes,
    screenUpload,
  });
  // Search sees the documents the E-Akte's viewer rule lets through.
  const search = createSearchModule({ database, dokumentScope: records.dokumentScope });
  // Council bodies and Vorlagen of each county.
  // A Beratung of an amendment's Vorlage reaches the Verbund in the county's transaction.
  const gremien = createGremienModule({
    database,
    blobs,
    extractors,
    uploadLimitBytes: config.uploads.limitBytes,
    beratungHooks: [aenderungBeratungErfasst],
  });
  // Amendments of the Zweckvereinbarung: a Vorlage in every party's council, the join when in force.
  const aenderungenModule = createAenderungenModule({ database, onboarding, council: gremien, logger });
  onboarding.register(records.onboardingHook);
  jobHandlers.set(...records.extractionJob);
  // Council documents (Drucksache, Einladung, Niederschrift) filed after the state change.
  jobHandlers.set(...gremien.ablageJob);
  const batchJobHandlers = new Map<string, BatchJobHandler>([records.extractionBatchJob]);
  // Reindexing after an analyzer change: a job per batch, started by the web process and the CLI.
  const searchReindex = createSearchReindex({ database, logger });
  jobHandlers.set(...searchReindex.job);
  const givenUpHandlers = new Map<string, JobGivenUpHandler>([
    records.extractionGivenUp,
    searchReindex.givenUp,
  ]);
  // Posteingang (issue 14): intake files through the E-Akte's one filing use-case.
  const intakeFiling = { fileDokument, createAkteInTrx, createVorgangInTrx, loadVorgangContext };
  const intakeDeps = {
    database,
    blobs,
    filing: intakeFiling,
    scanner: virenscan,
    uploadLimitBytes: config.uploads.limitBytes,
  };
  const importe = createImportUsecases({
    database,
    blobs,
    filing: intakeFiling,
    scanner: virenscan,
    // A file the parsers read completely is filed with its text: no extraction job for it.
    readText: (source) => extractors.parseOnly(source),
    // The command line's import scans in a helper process; it journals verdicts in the data dir.
    scanHelper: config.virenscan.address
      ? {
          ...config.virenscan,
          address: config.virenscan.address,
          journalDir: `${config.dataDir}/virenscan`,
          isRequired: virenscan.isRequired,
        }
      : undefined,
    uploadLimitBytes: config.uploads.limitBytes,
    importRoot: config.intake.importRoot,
  });
  jobHandlers.set(...importe.job);
  const ablagevorschlaege = createAblagevorschlagUsecases({ database });
  const eingangsordner = createEingangsordnerUsecases({
    database,
    filing: intakeFiling,
    root: config.intake.eingangRoot,
  });
  // After records: activating a service creates its Akte in the county's Aktenplan.
  const ozg = createOzgModule({ database, blobs, config, screenUpload });
  onboarding.register(ozg.onboardingHook);
  for (const job of ozg.jobs) jobHandlers.set(...job);
  const integrationsModule = createIntegrationsModule({
    database,
    logger,
    blobs,
    identity,
    ozg,
    records,
    parserLimits: config.extraction,
  });
  const { usecases: integrations, xdomea } = integrationsModule;
  onboarding.register(integrationsModule.onboardingHook);
  // Steering: cost sharing, reuse and figures of the Verbund (issue 13).
  // Shared artifact kinds for the reuse matrix: Leistungen, FIM forms, connectors, Aktenplan template and units.
  const artifacts = createArtifactRegistry();
  for (const kind of STANDARD_ARTEFAKT_ARTEN) artifacts.register(kind);
  const steuerung = createSteuerungModule({ database, artifacts });
  // Per client address, shared by every process through PostgreSQL (portal, tracking, login).
  const rateLimits = createRateLimiter({ db: database.db });
  const platform: PlatformContext = {
    config,
    database,
    logger,
    rateLimits,
    authenticator: identity,
    errorPages: [
      { pathPrefix: '/portal', render: renderPortalError },
      { pathPrefix: '/ratsinfo', render: renderRatsinfoError },
    ],
  };

  return {
    config,
    logger,
    database,
    onboarding,
    identity,
    verbund,
    aenderungen: aenderungenModule.usecases,
    vollziehenAenderungen: aenderungenModule.vollziehen,
    createAenderungenCheck: aenderungenModule.createCheck,
    // Steuerung aggregates (migration 0046), refreshed every 5 minutes wherever the worker runs.
    createSteuerungAuffrischung: () =>
      createSteuerungAuffrischung({ kennzahlen: steuerung.kennzahlen, logger }),
    audit,
    blobs,
    extractors,
    virenscan,
    screenUpload,
    ocr,
    records,
    search,
    searchReindex,
    gremien,
    importe,
    eingangsordner,
    // Consume folders of every county, run by the worker process (runtime.ts).
    mailEingaenge: createMailEingangUsecases({ database, filing: intakeFiling }),
    imapPostfaecher: createImapPostfachUsecases({ database }),
    ablagevorschlaege,
    // Filing suggestions: each county's model learns what was filed since the last pass (worker).
    createAblageLerner: () =>
      createAblageLerner({
        usecases: ablagevorschlaege,
        tenants: async () => (await verbund.listMembers()).map((m) => m.id),
        logger,
      }),
    // E-mail intake: the SMTP listener (VERBUND_MAIL_EINGANG_PORT) and the spool, run by the worker.
    createMailIntakeRunner: (smtp = config.intake.smtp) =>
      createMailIntakeRunner({ deps: { ...intakeDeps, spoolDir: config.intake.mailSpoolDir, logger }, smtp }),
    // E-mail intake by IMAP polling (mailboxes in mail_imap_postfaecher), run by the worker.
    createImapIntakeRunner: () =>
      createImapIntakeRunner({
        deps: { ...intakeDeps, spoolDir: config.intake.mailSpoolDir, logger },
        tenants: async () => (await verbund.listMembers()).map((m) => m.id),
      }),
    createEingangsordnerWatcher: (options: { pollMs?: number; events?: boolean } = {}) =>
      createEingangsordnerWatcher({
        deps: intakeDeps,
        root: config.intake.eingangRoot,
        pollMs: config.intake.eingangPollMs,
        tenants: async () => (await verbund.listMembers()).map((m) => m.id),
        logger,
        ...options,
      }),
    ozg,
    integrations,
    xdomea,
    steuerung,
    jobHandlers,
    rateLimits,
    platform,
    createWorker: () =>
      createJobWorker({
        database,
        logger,
        handlers: jobHandlers,
        batchHandlers: batchJobHandlers,
        givenUpHandlers,
      }),
    createDeliveryWorker: integrationsModule.createDeliveryWorker,
    close: async () => {
      await extractors.close();
      await searchReindex.close();
      await integrationsModule.close();
      await ozg.close();
      await database.close();
    },
  };
}

export type Services = ReturnType<typeof buildServices>;
