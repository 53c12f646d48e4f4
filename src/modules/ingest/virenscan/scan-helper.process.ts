import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import path from 'node:path';
import { ClamdUnavailable, clamdInstream, parseClamdAddress } from './clamd.client.ts';
import {
  type HelperRequest,
  type HelperResponse,
  journalLine,
  type ScanHelperConfig,
} from './scan-helper.types.ts';

/**
 * The scan helper process: scans files for the import that started it and journals every clean
 * verdict (fdatasync) before it answers. It runs in its own process group and outlives its importer:
 * when the importer is killed, scans already sent to clamd are still answered here and journaled, so
 * the next importer takes the verdict from the journal instead of asking clamd again. After the
 * importer is gone the journal is renamed `<pid>.draining` until the last scan has settled, then
 * the process ends (the next importer waits for that, then moves the verdicts into the database).
 */
export async function runScanHelper(config: ScanHelperConfig) {
  const address = parseClamdAddress(config.address);
  if (!address) throw new Error('scan helper: no clamd address');
  await mkdir(config.journalDir, { recursive: true });
  const journalPath = path.join(config.journalDir, `${process.pid}.journal`);
  const journal = await open(journalPath, 'a');
  const sync = coalescedSync(() => journal.datasync());
  const inflight = new Set<Promise<void>>();

  async function scan(request: HelperRequest): Promise<HelperResponse> {
    const hash = createHash('sha256');
    const hashed = async function* () {
      for await (const chunk of createReadStream(request.file)) {
        hash.update(chunk as Buffer);
        yield chunk as Buffer;
      }
    };
    try {
      const verdict = await clamdInstream({
        address: address!,
        source: hashed(),
        timeoutMs: config.timeoutMs,
        maxBytes: config.maxBytes,
      });
      // The verdict belongs to the bytes clamd saw: their own SHA-256, not the one the importer named.
      const sha256 = hash.digest('hex');
      if (verdict.status === 'clean') {
        await journal.write(journalLine({ tenant: request.tenant, sha256, at: Date.now() }));
        await sync();
      }
      return { id: request.id, ...verdict, sha256 };
    } catch (error) {
      if (error instanceof ClamdUnavailable) return { id: request.id, status: 'unavailable' };
      const code = (error as NodeJS.ErrnoException).code;
      return { id: request.id, status: 'unreadable', reason: code ?? (error as Error).message };
    }
  }

  process.on('message', (request: HelperRequest) => {
    const task = scan(request)
      .then((response) => {
        if (process.connected) process.send?.(response);
      })
      .finally(() => inflight.delete(task));
    inflight.add(task);
  });
  process.on('disconnect', async () => {
    // The importer ended (or was killed): settle what clamd is scanning, then go.
    await rename(journalPath, path.join(config.journalDir, `${process.pid}.draining`)).catch(() => {});
    while (inflight.size) await Promise.allSettled([...inflight]);
    await journal.close();
    await rename(
      path.join(config.journalDir, `${process.pid}.draining`),
      path.join(config.journalDir, `${process.pid}.ended`),
    ).catch(() => {});
    process.exit(0);
  });
  process.send?.({ ready: true });
}

/**
 * One fdatasync for every write made before it started: callers that arrive while a sync runs share
 * the next one (group commit, as PostgreSQL does with its WAL).
 */
export function coalescedSync(datasync: () => Promise<void>) {
  let current: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const sync = (): Promise<void> => {
    if (!current) {
      current = datasync().finally(() => {
        current = null;
      });
      return current;
    }
    next ??= current.then(
      () => {
        next = null;
        return sync();
      },
      () => {
        next = null;
        return sync();
      },
    );
    return next;
  };
  return sync;
}
