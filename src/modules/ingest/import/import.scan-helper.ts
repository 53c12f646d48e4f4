import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { startScanHelper } from '../virenscan/scan-helper.ts';
import type { ScanHelperConfig } from '../virenscan/scan-helper.types.ts';
import type { IntakeScanner } from './intake-filing.ts';
import { recoverScanJournals } from './scan-journal.ts';

/** The scan helper's configuration with the county rule of the product's scanner. */
export type ImportScanHelperConfig = ScanHelperConfig & { isRequired: (tenant: string) => boolean };

/**
 * Runs `fn` with a scanner that scans through a scan helper process (virenscan/scan-helper.ts), so
 * that a `kill -9` of this process loses no verdict clamd gives (the helper journals it), and a
 * database outage loses none either (the journal outlives it). Before: the verdicts of helpers of
 * earlier, ended imports are moved into the database (`recoverScanJournals`, waiting for a helper
 * still draining). After: this helper's own verdicts, so later intakes of the same bytes – a file
 * refused by a rule of the E-Akte, say – are not scanned again either; if the database is away
 * then, the next import takes them over.
 */
export async function withScanHelper<T>(
  {
    database,
    scanner,
    config,
  }: { database: DatabaseHandle; scanner: IntakeScanner; config: ImportScanHelperConfig },
  fn: (scanner: IntakeScanner) => Promise<T>,
): Promise<T> {
  const waitMs = config.timeoutMs + 5000;
  await recoverScanJournals({ database, journalDir: config.journalDir, waitMs });
  const helper = await startScanHelper(config);
  try {
    return await fn({ ...scanner, scanFile: helper.scanFile });
  } finally {
    await helper.close();
    await recoverScanJournals({ database, journalDir: config.journalDir, waitMs: 0 }).catch(() => {});
  }
}
