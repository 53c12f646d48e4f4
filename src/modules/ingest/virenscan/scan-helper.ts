import { fork } from 'node:child_process';
import type { HelperRequest, HelperResponse, ScanHelperConfig } from './scan-helper.types.ts';
import type { VirusScanResult } from './virenscan.ts';

const ENTRY = new URL('./scan-helper.child.mjs', import.meta.url);

export type ScanHelper = Awaited<ReturnType<typeof startScanHelper>>;

/** A scan by the helper: the verdict, the SHA-256 of the bytes clamd saw, or why the file was not read. */
export type HelperScan = VirusScanResult & { sha256?: string; unreadable?: string };

/**
 * Starts the import's scan helper (scan-helper.process.ts): a process of its own, in its own
 * process group, that streams each file to clamd and journals clean verdicts before answering – so
 * a `kill -9` of the importer does not lose a verdict clamd is about to give. `required` is the
 * county rule of the product's scanner (`isRequired`); a helper that dies answers "not scanned".
 */
export async function startScanHelper(
  config: ScanHelperConfig & { isRequired: (tenant: string) => boolean },
) {
  const { isRequired, ...childConfig } = config;
  const child = fork(ENTRY, [JSON.stringify(childConfig)], {
    // Not the parent's flags (a test runner's loader); its own process group, so that a signal to
    // the importer's group (Ctrl+C on a terminal) leaves the scans in flight to finish.
    execArgv: [],
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (response: HelperResponse) => void>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    for (const [id, answer] of waiting) answer({ id, status: 'unavailable' });
    waiting.clear();
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('error', reject);
    void exited.then(() => reject(new Error('scan helper ended before it was ready')));
  });
  child.on('message', (response: HelperResponse) => {
    waiting.get(response.id)?.(response);
    waiting.delete(response.id);
  });

  return {
    pid: child.pid!,
    configured: true as const,
    /** Scans a file through the helper; `sha256` is that of the bytes clamd saw. */
    scanFile({ tenant, file }: { tenant: string; file: string }): Promise<HelperScan> {
      const required = isRequired(tenant);
      if (!child.connected) return Promise.resolve({ status: 'unavailable', required });
      const id = nextId++;
      return new Promise<HelperScan>((resolve) => {
        waiting.set(id, (response) => {
          if (response.status === 'unavailable') resolve({ status: 'unavailable', required });
          else if (response.status === 'unreadable')
            resolve({ status: 'unavailable', required, unreadable: response.reason });
          else resolve({ ...response, required });
        });
        child.send({ id, tenant, file } satisfies HelperRequest);
      });
    },
    /** Lets the helper finish what it scans, and waits until it ended (its journal is then `.ended`). */
    async close() {
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}
