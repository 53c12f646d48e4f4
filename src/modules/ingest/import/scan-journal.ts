import { createReadStream } from 'node:fs';
import { readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { isAlive } from '../../../platform/database/postmaster.ts';
import { parseJournalLine } from '../virenscan/scan-helper.types.ts';
import { recordCleanScans } from './eingang-register.repository.ts';

const JOURNAL = /^(\d+)\.(journal|draining|ended)$/;
const BATCH = 1000;
// Older verdicts are not used anyway (scannedBefore reads a day back).
const DAY_MS = 24 * 3600 * 1000;

// A scan helper is a Node process; a zombie or a pid reused by another program counts as ended.
const alive = (pid: number) => isAlive(pid, 'node');

/**
 * Moves the clean verdicts of ended scan helpers (scan-helper.process.ts) into `virenscan_befunde`,
 * then deletes their journals. A helper still draining the scans of a killed importer is waited
 * for (at most `waitMs`), so its verdicts count before this importer decides what to scan; the
 * journal of a helper that still serves a running importer is left alone. Returns how many
 * verdicts were taken over.
 */
export async function recoverScanJournals({
  database,
  journalDir,
  waitMs,
}: {
  database: DatabaseHandle;
  journalDir: string;
  waitMs: number;
}) {
  const deadline = Date.now() + waitMs;
  let names: string[];
  for (;;) {
    names = await readdir(journalDir).catch(() => []);
    const draining = names.some((name) => {
      const match = JOURNAL.exec(name);
      return match?.[2] === 'draining' && alive(Number(match[1]));
    });
    if (!draining || Date.now() > deadline) break;
    await sleep(50);
  }
  let taken = 0;
  for (const name of names) {
    const match = JOURNAL.exec(name);
    if (!match || (match[2] !== 'ended' && alive(Number(match[1])))) continue;
    taken += await takeOver({ database, file: path.join(journalDir, name) });
  }
  return taken;
}

async function takeOver({ database, file }: { database: DatabaseHandle; file: string }) {
  const byTenant = new Map<string, Array<{ sha256: string; at: number }>>();
  let taken = 0;
  const flush = async (tenantId: string) => {
    const entries = byTenant.get(tenantId) ?? [];
    byTenant.delete(tenantId);
    if (entries.length) await recordCleanScans(database, { tenantId, entries });
    taken += entries.length;
  };
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const entry = parseJournalLine(line);
    if (!entry || entry.at < Date.now() - DAY_MS) continue;
    const list = byTenant.get(entry.tenant) ?? [];
    list.push({ sha256: entry.sha256, at: entry.at });
    byTenant.set(entry.tenant, list);
    if (list.length >= BATCH) await flush(entry.tenant);
  }
  for (const tenantId of [...byTenant.keys()]) await flush(tenantId);
  await unlink(file).catch(() => {});
  return taken;
}
