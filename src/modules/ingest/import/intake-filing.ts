import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type * as Records from '../../records/records.module.ts';
import type { HelperScan, ScanHelper } from '../virenscan/scan-helper.ts';
import { auditVirusFinding } from '../virenscan/virenscan.audit.ts';
import { virenscanErrors } from '../virenscan/virenscan.errors.ts';
import { mayFile, type VirusScanner } from '../virenscan/virenscan.ts';
import { recordCleanScan, scannedBefore } from './eingang-register.repository.ts';

/**
 * What intake (bulk import, consume folders, e-mail) needs of the E-Akte: the one filing use-case
 * and the Akte/Vorgang it files into. Given by the composition root (main/services.ts) rather than
 * imported, because the E-Akte itself uses ingest's type detection: importing records here would
 * close a cycle. Every intake files through `fileDokument`, like the API and the portal.
 */
export type IntakeFiling = {
  fileDokument: typeof Records.fileDokument;
  createAkteInTrx: typeof Records.createAkteInTrx;
  createVorgangInTrx: typeof Records.createVorgangInTrx;
  loadVorgangContext: typeof Records.loadVorgangContext;
};

export type FilingVorgang = Records.FilingVorgang;

/**
 * The virus scanner as intake uses it (ClamAV over clamd, `virenscan/`). With `scanFile` (the
 * import's scan helper, scan-helper.ts) a file named by path is scanned there; the helper journals
 * clean verdicts itself, so they are not written here.
 */
export type IntakeScanner = Pick<VirusScanner, 'scanForViruses' | 'configured'> & {
  scanFile?: ScanHelper['scanFile'];
};

/**
 * The virus scan before filing, the same for import, consume folders and e-mail: infected or too
 * large to scan → refused with a German reason and audited (the caller records or quarantines the
 * file); not scanned while the county requires scanning → throws (503), so the intake stops and
 * takes the file again later instead of filing it unscanned. Without a scanner: passes. Bytes the
 * county took in already, or found clean within the last day (an intake repeated after a crash
 * between scan and commit), are not scanned again (`scannedBefore`).
 */
export async function scanBeforeFiling(
  { scanner, database }: { scanner?: IntakeScanner; database: DatabaseHandle },
  input: {
    tenantId: string;
    actor: string;
    source: 'import' | 'intake.ordner' | 'intake.mail';
    fileName: string;
    sha256: string;
    open: () => NodeJS.ReadableStream | AsyncIterable<Uint8Array>;
    /** The file's path, for a scanner that reads files itself (`scanFile`). */
    file?: string;
  },
): Promise<{ ok: true } | { ok: false; grund: string }> {
  if (!scanner) return { ok: true };
  const key = { tenantId: input.tenantId, sha256: input.sha256 };
  if (scanner.configured && (await scannedBefore(database, key))) return { ok: true };
  let result: HelperScan;
  if (scanner.scanFile && input.file) {
    result = await scanner.scanFile({ tenant: input.tenantId, file: input.file });
    if (result.unreadable) return { ok: false, grund: `Datei nicht lesbar (${result.unreadable}).` };
    // The verdict is for the bytes clamd saw; other bytes than the stored ones are not filed.
    if (result.sha256 && result.sha256 !== input.sha256)
      return { ok: false, grund: 'Datei während des Imports verändert, nicht abgelegt.' };
  } else {
    result = await scanner.scanForViruses({ tenant: input.tenantId, stream: input.open() as never });
    if (result.status === 'clean') await recordCleanScan(database, key);
  }
  if (mayFile(result)) return { ok: true };
  if (result.status === 'unavailable') throw virenscanErrors.unavailable();
  await auditVirusFinding({
    database,
    tenant: input.tenantId,
    actor: input.actor,
    source: input.source,
    fileName: input.fileName,
    sha256: input.sha256,
    result,
  });
  return {
    ok: false,
    grund:
      result.status === 'infected'
        ? `Schadsoftware gefunden („${result.signature ?? 'unbekannt'}“), nicht abgelegt.`
        : 'Zu groß oder zu tief verschachtelt für die Virenprüfung, nicht abgelegt.',
  };
}
