import path from 'node:path';
import { serve } from '@hono/node-server';
import { seedDemoFoerdermittel, seedDemoReifegrad } from '../demo/foerdermittel.seed.ts';
import { seedDemoGremien } from '../demo/gremien.seed.ts';
import { seedServices } from '../demo/ozg.seed.ts';
import { assignDemoTemplateOwner, seedDemoRecords } from '../demo/records.seed.ts';
import { seedDemoSteuerung } from '../demo/steuerung.seed.ts';
import { demoLogins, seedDemoVerbund } from '../demo/verbund.seed.ts';
import { removeStaleTempFiles, uploadTempDir } from '../modules/blobs/blobs.module.ts';
import { warmAnalyzer } from '../modules/search/search.module.ts';
import type { Config } from '../platform/config.ts';
import { prepareDatabase } from '../platform/database/bootstrap.ts';
import { createLogger } from '../platform/logger.ts';
import { createApp } from './http/app.ts';
import { buildServices, type Services } from './services.ts';

export type Mode = 'all' | 'web' | 'worker';

/**
 * Starts the product: database (embedded or external), migrations, demo seed on first start,
 * web server and/or worker. Returns a `stop()` that shuts everything down in order.
 */
export async function startRuntime({
  config,
  mode,
  print = console.log,
}: {
  config: Config;
  mode: Mode;
  print?: (line: string) => void;
}) {
  const logger = createLogger({ level: config.logLevel });
  const prepared = await prepareDatabase({ config, onLog: (line) => logger.debug({ pg: line }) });
  if (prepared.adopted)
    print(
      'Verwaistes eingebettetes PostgreSQL eines abgebrochenen Verbund-Prozesses übernommen (wird beim Beenden gestoppt).',
    );
  // Uploads interrupted by a crash leave temp files. While no other process of ours can be writing
  // (this one runs the embedded server) all go; otherwise only those untouched for 10 minutes.
  const stale = await removeStaleTempFiles({
    tmpDir: uploadTempDir(config.blobs),
    olderThanMs: prepared.startedHere ? 0 : 10 * 60_000,
  });
  if (stale.removed > 0) logger.info(stale, 'removed stale temporary upload files');
  const services = buildServices({ config, appUrl: prepared.appUrl, logger });
  // Whether clamd and Tesseract are there is asked at once (OCRmyPDF's start takes a second or two).
  const posteingang = posteingangLines(services);
  let seeded = false;
  let demoDocuments = 0;
  try {
    if (config.seedDemo) {
      seeded = (await seedDemoVerbund({ database: services.database, verbund: services.verbund })).seeded;
      if (seeded) {
        await assignDemoTemplateOwner(services.database);
        demoDocuments = (await seedDemoRecords({ database: services.database, blobs: services.blobs }))
          .documents;
        // Kreistage and committees with a year of sessions, and the 1. Änderung as a completed process.
        await seedDemoGremien({ gremien: services.gremien, aenderungen: services.aenderungen });
      }
      // The Verbund's service catalogue (idempotent: also fills in installations seeded earlier).
      await seedServices({ database: services.database, xsdDir: config.fim.xsdDir });
      // Steuerung: Fachverfahren, connectors, a year of Anträge and deliveries (Beispieldaten).
      if (seeded) {
        await seedDemoSteuerung({
          database: services.database,
          zustellVerzeichnis: path.join(config.dataDir, 'zustellungen'),
        });
        // The grant of KT/103/2020 with sample receipts, and Reifegrad criteria (Beispieldaten).
        await seedDemoFoerdermittel({ database: services.database, blobs: services.blobs });
        await seedDemoReifegrad({ database: services.database });
      }
    }
  } catch (error) {
    await services.close();
    await prepared.stop();
    throw error;
  }

  // The embedded server is restarted after a crash; meanwhile requests answer 503 and the workers
  // retry, and the pool connects afresh once it is back.
  prepared.watch?.((event) => {
    if (event.kind === 'crashed') {
      logger.error({ pid: event.pid }, 'embedded PostgreSQL crashed, restarting');
      print(`Eingebettetes PostgreSQL abgestürzt – wird neu gestartet (PID ${event.pid ?? '?'}).`);
    } else if (event.kind === 'retrying') {
      logger.warn(event, 'embedded PostgreSQL restart failed, retrying');
    } else {
      logger.warn({ ms: event.ms, pid: event.pid }, 'embedded PostgreSQL recovered');
      print(`Eingebettetes PostgreSQL wieder erreichbar nach ${(event.ms / 1000).toFixed(1)} s.`);
    }
  });

  // The lexicon before the first filing or search waits for it (its table is built on the very first start).
  warmAnalyzer();
  // After the migrations: counties whose documents an older analyzer indexed are reindexed in the background.
  if (mode !== 'worker') await services.searchReindex.startWhereOutdated();
  const worker = mode === 'web' ? undefined : services.createWorker();
  worker?.start();
  // Connector deliveries (transactional outbox) run wherever jobs run.
  const delivery = mode === 'web' ? undefined : services.createDeliveryWorker();
  delivery?.start();
  // Amendments of the Zweckvereinbarung take effect on their day (checked every 10 minutes).
  const aenderungenCheck = mode === 'web' ? undefined : services.createAenderungenCheck();
  aenderungenCheck?.start();
  // Steuerung aggregates: at start (so a first start's demo year is aggregated) and every 5 minutes.
  const steuerungAuffrischung = mode === 'web' ? undefined : services.createSteuerungAuffrischung();
  steuerungAuffrischung?.start();
  // Scans stored with „OCR nicht verfügbar“ are read once Tesseract is there (checked every minute).
  const ocrRecovery = mode === 'web' ? undefined : services.ocr.createRecovery();
  ocrRecovery?.start();
  // Consume folders of every county (polling, change events only bring a pass forward).
  const eingangsordner = mode === 'web' ? undefined : services.createEingangsordnerWatcher();
  eingangsordner?.start();
  // E-mail intake: SMTP listener (if configured) and the durable spool.
  const mailIntake = mode === 'web' ? undefined : services.createMailIntakeRunner();
  const smtpPort = await mailIntake?.start();
  const imapIntake = mode === 'web' ? undefined : services.createImapIntakeRunner();
  imapIntake?.start();
  const ablageLerner = mode === 'web' ? undefined : services.createAblageLerner();
  ablageLerner?.start();

  let server: ReturnType<typeof serve> | undefined;
  let url: string | undefined;
  if (mode !== 'worker') {
    const app = createApp(services);
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: config.server.port, hostname: config.server.host }, (info) => {
        url = config.server.publicUrl ?? `http://localhost:${info.port}`;
        resolve();
      });
    });
  }
  // Measured from process start, so module loading and the database start are included.
  const readyMs = Math.round(process.uptime() * 1000);

  print(
    `Verbund läuft (${mode}) – Datenbank: ${prepared.kind === 'embedded' ? `eingebettetes PostgreSQL in ${config.dataDir}` : 'externes PostgreSQL'}`,
  );
  if (url) print(`  Adresse:    ${url}  (Bürgerportal: ${url}/portal)`);
  if (smtpPort) print(`  E-Mail-Eingang: SMTP auf Port ${smtpPort}`);
  if (seeded)
    print(
      `  Demo-Verbund der vier Landkreise angelegt, mit ${demoDocuments} Dokumenten in der E-Akte (Textextraktion läuft im Hintergrund).`,
    );
  if (config.seedDemo) for (const line of demoLogins()) print(`  Demo:       ${line}`);
  for (const line of await posteingang) print(`  ${line}`);
  print(`  Bereit nach ${(readyMs / 1000).toFixed(1)} s${prepared.firstStart ? ' (erster Start)' : ''}.`);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      // Idle keep-alive connections would otherwise hold the process open.
      (server as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.();
      await closed;
      await worker?.stop();
      await delivery?.stop();
      await aenderungenCheck?.stop();
      await steuerungAuffrischung?.stop();
      await ocrRecovery?.stop();
      await eingangsordner?.stop();
      await mailIntake?.stop();
      await imapIntake?.stop();
      await ablageLerner?.stop();
      await services.close();
      await prepared.stop();
    })();
    return stopping;
  };
  return { services, url, readyMs, firstStart: prepared.firstStart, stop };
}

/** What `verbund start` says about virus scan and OCR (issue 14): there, or missing and what follows. */
async function posteingangLines(services: Services) {
  const [scan, ocr] = await Promise.all([services.virenscan.health(), services.ocr.health()]);
  return [
    scan.status === 'ok'
      ? `Virenprüfung: ${scan.version}`
      : `Virenprüfung: ${scan.message}${services.config.virenscan.required.length > 0 ? ' Landkreise mit Prüfpflicht nehmen keine Dateien an, bis clamd erreichbar ist.' : ' Dateien werden ungeprüft abgelegt.'}`,
    ocr.status === 'ok'
      ? `OCR:         ${ocr.tesseract}, OCRmyPDF ${ocr.ocrmypdf}, bis ${ocr.threads} Tesseract-Prozesse zugleich`
      : `OCR:         ${ocr.message} Scans werden gespeichert und erkannt, sobald Tesseract da ist.`,
  ];
}
