/**
 * Filing suggestions benchmark (issue 14, point 7): the demo corpus of one county (generated
 * administrative documents over the whole Aktenplan), text extracted by the product's worker; the
 * model learns four fifths (by document id), the other fifth is held out and suggested: accuracy@1
 * and @3 of the Aktenplan unit and of the Dokumentart, and the time per suggestion (p50/p95).
 *
 *   npm run bench:ablage -- [--docs 1000]
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { seedDemoRecords } from '../src/demo/records.seed.ts';
import { percentile, startBenchInstance } from './support.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '1000' } } });
const DOCS = Number(values.docs);
const TENANT = 'nordhausen';
const heldOut = (id: string) => createHash('sha256').update(id).digest()[0]! % 5 === 0;

const instance = await startBenchInstance({ poolSize: 8 });
await seedDemoRecords({
  database: instance.services.database,
  blobs: instance.services.blobs,
  perCounty: DOCS,
  tenants: [TENANT],
});
const db = new pg.Pool({ connectionString: instance.ownerUrl, max: 2 });
const worker = instance.services.createWorker();
worker.start();
while (
  Number((await db.query(`select count(*) as n from dokumente where text_status = 'pending'`)).rows[0].n) > 0
)
  await new Promise((r) => setTimeout(r, 500));
await worker.stop();

const t0 = performance.now();
const learned = await instance.services.ablagevorschlaege.learn(TENANT, { skip: heldOut });
const learnSeconds = (performance.now() - t0) / 1000;
const { rows } = await db.query(
  `select d.id, d.titel, d.unit_id, d.art, dv.text from dokumente d join dokument_versionen dv
   on dv.dokument_id = d.id and dv.tenant_id = d.tenant_id and dv.version = d.aktuelle_version where d.tenant_id = $1`,
  [TENANT],
);
const test = rows.filter((r) => heldOut(r.id));
const hits = { einheit1: 0, einheit3: 0, art1: 0, art3: 0, vorgeschlagen: 0, richtigVorgeschlagen: 0 };
const times: number[] = [];
for (const r of test) {
  const started = performance.now();
  const s = await instance.services.ablagevorschlaege.suggest({
    tenantId: TENANT,
    text: `${r.titel} ${r.text ?? ''}`,
  });
  times.push(performance.now() - started);
  const units = s.kandidaten.einheit.map((k) => k.klasse);
  const arts = s.kandidaten.art.map((k) => k.klasse);
  if (units[0] === r.unit_id) hits.einheit1 += 1;
  if (units.includes(r.unit_id)) hits.einheit3 += 1;
  if (arts[0] === r.art) hits.art1 += 1;
  if (arts.includes(r.art)) hits.art3 += 1;
  if (s.einheit) {
    hits.vorgeschlagen += 1;
    if (s.einheit.klasse === r.unit_id) hits.richtigVorgeschlagen += 1;
  }
}
times.sort((a, b) => a - b);
const share = (n: number) => (n / test.length).toFixed(3).replace('.', ',');
console.log(`\nAblagevorschläge (bench:ablage), ${new Date().toISOString()}`);
console.log(
  `  Demo-Korpus ${TENANT}: ${rows.length} Dokumente, gelernt ${rows.length - test.length} (${learned} gelesen) in ${learnSeconds.toFixed(1)} s, zurückgehalten ${test.length}`,
);
console.log(
  `  Aktenplaneinheit: accuracy@1 ${share(hits.einheit1)}, accuracy@3 ${share(hits.einheit3)} (Ziel @3 ≥ 0,8)`,
);
console.log(`  Dokumentart:      accuracy@1 ${share(hits.art1)}, accuracy@3 ${share(hits.art3)}`);
console.log(
  `  über der Schwelle 0,5: ${hits.vorgeschlagen} Vorschläge, davon richtig ${hits.richtigVorgeschlagen}`,
);
console.log(
  `  Zeit je Vorschlag: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (Ziel ≤ 50 ms)`,
);
console.log(
  `  Last (1/5/15 min): ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ')} – 2 Kerne, mit anderen geteilt`,
);
await db.end();
await instance.stop();
process.exit(0);
