import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { seedServices } from '../src/demo/ozg.seed.ts';
import { assignDemoTemplateOwner } from '../src/demo/records.seed.ts';
import { seedDemoVerbund } from '../src/demo/verbund.seed.ts';
import { createApp } from '../src/main/http/app.ts';
import { buildServices } from '../src/main/services.ts';
import { loadConfig } from '../src/platform/config.ts';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres.ts';
import { enableAppLogin, runMigrations } from '../src/platform/database/migrations.ts';
import { createLogger } from '../src/platform/logger.ts';

/**
 * A fresh product instance for a benchmark, on the embedded default: its own PostgreSQL cluster and
 * data directory in /tmp, migrated and seeded with the demo Verbund and its services (no demo
 * documents), served
 * over real HTTP on a free port. With `dataDir` the instance lives there and is kept after stop():
 * a second run finds its data again (migrations and seeds only add what is missing), so a large
 * data set is loaded once and queried many times.
 */
export async function startBenchInstance({
  poolSize = 20,
  dataDir,
}: {
  poolSize?: number;
  dataDir?: string;
} = {}) {
  const dir = dataDir ? path.resolve(dataDir) : await mkdtemp(path.join(tmpdir(), 'verbund-bench-'));
  if (dataDir) await mkdir(dir, { recursive: true });
  await chmod(dir, 0o755);
  const port = 30000 + Math.floor(Math.random() * 20000);
  const server = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port });
  await runMigrations({ connectionString: server.ownerUrl });
  await enableAppLogin({ connectionString: server.ownerUrl, password: server.appPassword });
  const config = loadConfig({ VERBUND_DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: server.ownerUrl });
  const services = buildServices({
    config,
    appUrl: server.appUrl(),
    logger: createLogger({ level: 'silent' }),
    poolSize,
  });
  await seedDemoVerbund({ database: services.database, verbund: services.verbund });
  await assignDemoTemplateOwner(services.database);
  await seedServices({ database: services.database, xsdDir: config.fim.xsdDir });
  const app = createApp(services);
  const http = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    dir,
    url,
    services,
    app,
    ownerUrl: server.ownerUrl,
    appUrl: server.appUrl(),
    /** The embedded PostgreSQL (a benchmark may kill it and let `postgres.watch` restart it). */
    postgres: server,
    pgDir: path.join(dir, 'pg'),
    async stop() {
      (http as unknown as { closeAllConnections(): void }).closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await services.close();
      await server.stop();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** A one-line progress bar on stderr for long runs. */
export function progress(label: string, total: number) {
  let last = 0;
  return (done: number) => {
    const now = Date.now();
    if (done < total && now - last < 250) return;
    last = now;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    if (done >= total) process.stderr.write('\n');
  };
}

/**
 * Milliseconds for a fixed piece of CPU work (integer arithmetic, one core). On the development
 * machine the same work took 600 to 750 ms at different times of one evening with nothing else
 * running: the virtual machine's cores are not always equally fast, and its own counters show no
 * steal time. A benchmark prints it before and after its measurements, so that figures of different
 * runs can be compared with the speed the machine had.
 */
export function cpuReferenceMs(): number {
  const started = performance.now();
  let x = 0;
  for (let i = 0; i < 300_000_000; i++) x = (x + (i % 7)) | 0;
  const ms = performance.now() - started;
  if (x === 42) console.error(''); // keeps the loop from being optimised away
  return ms;
}

/** The array memoryReferenceMs walks: 64 MiB, larger than the processor's caches. */
let chase: Int32Array | undefined;

/**
 * Milliseconds for a fixed walk through memory (4 million dependent reads at random places of
 * 64 MiB). Search at a million documents is mostly such reads (index and table pages in
 * PostgreSQL's cache); when the host's other tenants use the memory bandwidth, this figure rises
 * while cpuReferenceMs may not.
 */
export function memoryReferenceMs(): number {
  const n = 16 * 1024 * 1024;
  if (!chase) {
    // One cycle through all slots in a fixed pseudo-random order (Sattolo's shuffle, fixed seed).
    chase = new Int32Array(n);
    for (let i = 0; i < n; i++) chase[i] = i;
    let seed = 12345;
    for (let i = n - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const j = seed % i;
      const t = chase[i]!;
      chase[i] = chase[j]!;
      chase[j] = t;
    }
  }
  const started = performance.now();
  let p = 0;
  for (let i = 0; i < 4_000_000; i++) p = chase[p]!;
  const ms = performance.now() - started;
  if (p === -1) console.error('');
  return ms;
}
