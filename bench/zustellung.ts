/**
 * Delivery benchmark (issue 5): delivered events/s to a local webhook receiver, and end-to-end
 * latency p50/p99 from Antrag submitted (its commit time) to webhook received.
 *
 *   npm run bench:zustellung -- [--count 1000] [--workers 2]
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { percentile, startBenchInstance } from './support.ts';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '1000' }, workers: { type: 'string', default: '2' } },
});
const COUNT = Number(values.count);
const WORKERS = Number(values.workers);

// The receiver: a real HTTP server; records end-to-end latency from the Antrag's commit time.
const latencies: number[] = [];
const keys = new Set<string>();
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    keys.add(String(req.headers['idempotency-key']));
    const { eingang } = JSON.parse(body) as { eingang: string };
    latencies.push(Date.now() - new Date(eingang).getTime());
    res.writeHead(200).end('ok');
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/eingang`;

const instance = await startBenchInstance({ poolSize: 24 });
const { services } = instance;
const principal = (tenantId: string) => ({
  tenantId,
  userId: null,
  login: null,
  displayName: 'Benchmark',
  roles: ['verbund-admin', 'kreis-admin'] as Array<'verbund-admin' | 'kreis-admin'>,
  via: 'token' as const,
  tokenId: 'bench',
});
await services.integrations.defineConnector(principal('nordhausen'), {
  id: 'bench-waffen',
  name: 'Waffenbehörde',
  ausloeser: 'antrag.eingegangen',
  filter: 'waffenbesitzkarte',
  nutzlast: 'json',
  mapping: { nummer: '$.antrag.nummer', eingang: '$.antrag.eingang', vorgang: '$.vorgang.id' },
  transport: 'webhook',
});
for (const tenant of ['nordhausen', 'kyffhaeuserkreis', 'unstrut-hainich-kreis', 'wartburgkreis'])
  await services.integrations.setActivation(principal(tenant), 'bench-waffen', {
    ziel: receiverUrl,
    secret: 'benchmark-geheimnis-2026',
  });
const { token } = await services.identity.createApiToken({
  tenantId: 'nordhausen',
  roles: ['sachbearbeitung'],
  actor: 'bench',
});
const attachment = `${instance.dir}/anlage.bin`;
await writeFile(attachment, Buffer.alloc(10 * 1024, 'Nachweis '));

const submit = (count: number, concurrency: number) =>
  new Promise<void>((resolve, reject) => {
    const client = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        new URL('./antrag-client.ts', import.meta.url).pathname,
        instance.url,
        token,
        'submit',
        String(count),
        String(concurrency),
        attachment,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    client.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`client exit ${code}`))));
  });
const owner = new pg.Client({ connectionString: instance.ownerUrl });
await owner.connect();
const delivered = async () =>
  (
    await owner.query(
      `select count(*) filter (where status = 'delivered')::int as n, count(*)::int as total from outbox`,
    )
  ).rows[0] as {
    n: number;
    total: number;
  };

// Phase 1: a backlog of COUNT events, then WORKERS delivery loops drain it.
process.stderr.write(`${COUNT} Anträge erzeugen (Zustellung angehalten) …\n`);
await submit(COUNT, 16);
const backlog = (await delivered()).total;
const workers = Array.from({ length: WORKERS }, () => services.createDeliveryWorker({ idleMs: 20 }));
const started = performance.now();
for (const w of workers) w.start();
while ((await delivered()).n < backlog) await new Promise((r) => setTimeout(r, 20));
const drainSeconds = (performance.now() - started) / 1000;

// Phase 2: end-to-end latency with the workers running, moderate load.
latencies.length = 0;
const latencyCount = Math.min(300, COUNT);
process.stderr.write(`${latencyCount} Anträge mit laufender Zustellung (Latenz) …\n`);
await submit(latencyCount, 4);
while ((await delivered()).n < backlog + latencyCount) await new Promise((r) => setTimeout(r, 20));
for (const w of workers) await w.stop();
const { total } = await delivered();
await owner.end();

const sorted = [...latencies].sort((a, b) => a - b);
console.log('\nZustell-Benchmark (Webhook an lokalen Empfänger, eingebettetes PostgreSQL, 2 Kerne)');
console.log(`  Rückstau:              ${backlog} Ereignisse, ${WORKERS} Zustell-Schleifen`);
console.log(
  `  Durchsatz:             ${(backlog / drainSeconds).toFixed(0)} zugestellte Ereignisse/s (${drainSeconds.toFixed(2)} s)`,
);
console.log(
  `  Ende-zu-Ende-Latenz:   p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms (Antrag gespeichert → Webhook empfangen, ${latencyCount} Anträge)`,
);
console.log(`  Ereignisse / beim Empfänger (eindeutige Schlüssel): ${total} / ${keys.size}`);
receiver.close();
await instance.stop();
