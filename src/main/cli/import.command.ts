import { type ImportProgress, progressBar, progressLine } from '../../modules/ingest/ingest.module.ts';
import type { Services } from '../services.ts';
import { assertTenant, type Command, cliPrincipal, str, withServices } from './command.ts';

/**
 * Progress on stderr: a bar with rate and remaining time redrawn in place on a terminal, a plain
 * line every few seconds otherwise (logs, pipes). Stdout keeps only the summary (or its JSON).
 */
function progressPrinter() {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  let latest: ImportProgress | undefined;
  const everyMs = tty ? 100 : 5000;
  return {
    update(progress: ImportProgress) {
      latest = progress;
      const now = Date.now();
      if (now - last < everyMs) return;
      last = now;
      if (tty) process.stderr.write(`\r${progressBar(progress, process.stderr.columns ?? 80)}`);
      else process.stderr.write(`${progressLine(progress)}\n`);
    },
    done() {
      if (tty && latest) process.stderr.write(`\r${progressBar(latest, process.stderr.columns ?? 80)}\n`);
    },
  };
}

async function runImportCommand(services: Services, values: Record<string, unknown>) {
  const tenantId = await assertTenant(services, str(values.tenant as string));
  const dir = str(values.verzeichnis as string);
  if (!dir) {
    console.error(
      'Fehlendes Verzeichnis.\n\nAufruf: verbund import VERZEICHNIS --tenant <id> [--aktenplan <kennzeichen>]',
    );
    return 2;
  }
  const parallel = Number(values.parallel ?? 4);
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 32) {
    console.error('--parallel: eine ganze Zahl von 1 bis 32.');
    return 2;
  }
  const actor = `token:${cliPrincipal(tenantId).tokenId}`;
  const { importe } = services;
  const { run, resumed } = await importe.openRun({
    tenantId,
    actor,
    dir,
    aktenplan: str(values.aktenplan as string),
  });
  if (!values.json)
    console.log(
      `${resumed ? 'Setze Import fort' : 'Import'}: ${run.quelle} → Akte ${run.aktenzeichen} (${run.gesamt?.toLocaleString('de-DE')} Dateien, Lauf ${run.id})`,
    );
  // Ctrl+C or SIGTERM: finish the files in flight, then stop; the same command resumes. A second
  // signal ends at once (nothing is lost either way: every file is one transaction).
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const printer = progressPrinter();
  try {
    const { finished } = await importe.execute({
      run,
      actor,
      concurrency: parallel,
      signal: controller.signal,
      // Scans in a helper process that outlives a kill -9 of this one (no verdict of clamd lost).
      scanHelper: true,
      onProgress: printer.update,
    });
    printer.done();
    const report = await importe.report({ tenantId, id: run.id, limit: values.json ? 1000 : 20 });
    if (values.json) {
      const { quelle: _path, tenantId: _tenant, ...rest } = report;
      console.log(JSON.stringify({ ...rest, unterbrochen: !finished }));
    } else printSummary(report, finished);
    return finished ? 0 : 130;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function printSummary(report: Awaited<ReturnType<Services['importe']['report']>>, finished: boolean) {
  const de = (n: number) => n.toLocaleString('de-DE');
  console.log(
    `${finished ? 'Fertig' : 'Unterbrochen'}: ${de(report.verarbeitet)}${report.gesamt !== null ? ` von ${de(report.gesamt)}` : ''} Dateien – ${de(report.importiert)} importiert, ${de(report.duplikate)} Duplikate (als „wieder gesehen“ vermerkt), ${de(report.fehler)} fehlgeschlagen.`,
  );
  if (report.fehlerliste.length) {
    console.log('Fehlgeschlagen:');
    for (const f of report.fehlerliste) console.log(`  ${f.pfad}: ${f.grund}`);
    if (report.fehler > report.fehlerliste.length)
      console.log(
        `  … und ${de(report.fehler - report.fehlerliste.length)} weitere (--json zeigt bis zu 1.000).`,
      );
  }
  if (!finished)
    console.log('Derselbe Befehl setzt den Import fort; schon abgelegte Dateien werden übersprungen.');
  else console.log('Textextraktion und Suchindex laufen im Hintergrund (Worker von „verbund start“).');
}

/** Bulk import of a directory tree into a county's E-Akte, resumable, with progress. */
export const IMPORT_COMMANDS: Record<string, Command> = {
  import: {
    synopsis: 'VERZEICHNIS --tenant <id> [--aktenplan <kennzeichen>] [--parallel 4] [--json]',
    description:
      'Importiert alle Dateien eines Verzeichnisbaums in eine neue Akte (je Unterordner ein Vorgang; manifest.csv gibt Metadaten je Datei). Fortsetzbar nach Strg+C oder Absturz, ohne Duplikate (SHA-256 je Landkreis).',
    options: {
      tenant: { type: 'string' },
      aktenplan: { type: 'string' },
      parallel: { type: 'string' },
      json: { type: 'boolean' },
    },
    required: ['tenant'],
    positional: 'verzeichnis',
    run: ({ values, config }) =>
      withServices(config, (services) => runImportCommand(services, values), { poolSize: 8 }),
  },
};
