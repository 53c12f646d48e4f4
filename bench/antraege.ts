/**
 * Submission benchmark (issue 4): Anträge through the API (small form, one 100 KB attachment),
 * submissions/s with p50/p99 latency; in the same run the same server's trivial endpoint as the
 * ceiling; and the check that nothing is lost: stored = acknowledged.
 *
 *   npm run bench:antraege -- [--count 2000] [--concurrency 16]
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { percentile, startBenchInstance } from './support.ts';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '16' } },
});
const COUNT = Number(values.count);
const CONCURRENCY = Number(values.concurrency);

const instance = await startBenchInstance({ poolSize: CONCURRENCY + 4 });
const { token } = await instance.services.identity.createApiToken({
  tenantId: 'nordhausen',
  roles: ['sachbearbeitung'],
  actor: 'bench',
});
const attachment = `${instance.dir}/anlage.bin`;
await writeFile(attachment, Buffer.alloc(100 * 1024, 'Sachkundenachweis '));

function run(mode: 'submit' | 'trivial', count: number) {
  return new Promise<{ seconds: number; failed: number; ids: string[]; latencies: number[] }>(
    (resolve, reject) => {
      const client = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          new URL('./antrag-client.ts', import.meta.url).pathname,
          instance.url,
          token,
          mode,
          String(count),
          String(CONCURRENCY),
          attachment,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      client.stdout.on('data', (chunk) => (out += chunk));
      client.on('exit', (code) =>
        code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`client exit ${code}`)),
      );
    },
  );
}

process.stderr.write('Aufwärmen …\n');
await run('submit', 50);
process.stderr.write(`${COUNT} Anträge (Nebenläufigkeit ${CONCURRENCY}) …\n`);
const submit = await run('submit', COUNT);
process.stderr.write(`${COUNT * 5} Aufrufe des trivialen Endpunkts …\n`);
const trivial = await run('trivial', COUNT * 5);

const owner = new pg.Client({ connectionString: instance.ownerUrl });
await owner.connect();
const stored = await owner.query('select id::text from antraege where id = any($1::uuid[])', [submit.ids]);
const vorgaenge = await owner.query(
  `select count(*)::int as n from antraege a join vorgaenge v on v.tenant_id = a.tenant_id and v.id = a.vorgang_id
   where a.id = any($1::uuid[])`,
  [submit.ids],
);
await owner.end();

const sorted = [...submit.latencies].sort((a, b) => a - b);
const trivialSorted = [...trivial.latencies].sort((a, b) => a - b);
const rate = submit.ids.length / submit.seconds;
const ceiling = trivial.latencies.length / trivial.seconds;
console.log('\nAntrags-Benchmark (kleines Formular, 1 Anlage à 100 KB, eingebettetes PostgreSQL, 2 Kerne)');
console.log(`  Anträge:               ${COUNT} (Nebenläufigkeit ${CONCURRENCY}), 4 Landkreise`);
console.log(`  Durchsatz:             ${rate.toFixed(0)} Anträge/s  (Ziel ≥ 200)`);
console.log(
  `  Latenz p50 / p99:      ${percentile(sorted, 50).toFixed(1)} ms / ${percentile(sorted, 99).toFixed(1)} ms`,
);
console.log(
  `  Trivialer Endpunkt:    ${ceiling.toFixed(0)} Aufrufe/s, p50 ${percentile(trivialSorted, 50).toFixed(1)} ms (Obergrenze)`,
);
console.log(`  Anteil an Obergrenze:  ${((rate / ceiling) * 100).toFixed(1)} %`);
console.log(
  `  Bestätigt / gespeichert / Vorgänge: ${submit.ids.length} / ${stored.rowCount} / ${vorgaenge.rows[0].n}; Fehler: ${submit.failed}`,
);
console.log(`  Verloren:              ${submit.ids.length - (stored.rowCount ?? 0)}`);
await instance.stop();
