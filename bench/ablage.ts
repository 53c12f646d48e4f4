/**
 * Filing suggestions benchmark (issue 14, point 7): the demo corpus of one county (generated
 * administrative documents over the whole Aktenplan), text extracted by the product's worker; the
 * model learns four fifths (by document id), the other fifth is held out and suggested: accuracy@1
 * and @3 of Aktenplan unit, Akte, Vorgang and Dokumentart, the time per suggestion (p50/p95/max),
 * the time to load the classifier, the training time and the machine's load.
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
  `select d.id, d.titel, d.unit_id, d.akte_id, d.vorgang_id, d.art, dv.text, v.externe_referenz from dokumente d
   join dokument_versionen dv on dv.dokument_id = d.id and dv.tenant_id = d.tenant_id and dv.version = d.aktuelle_version
   join vorgaenge v on v.id = d.vorgang_id where d.tenant_id = $1`,
  [TENANT],
);
const test = rows.filter((r) => heldOut(r.id));
const train = rows.filter((r) => !heldOut(r.id));
const suggest = instance.services.ablagevorschlaege.suggest;

// The first suggestion loads and compiles the county's classifier (once per model version).
const l0 = performance.now();
await suggest({ tenantId: TENANT, titel: test[0]!.titel, text: test[0]!.text ?? '' });
const loadMs = performance.now() - l0;
const classifier = await instance.services.ablagevorschlaege.cache.get(TENANT);

const MERKMALE = ['einheit', 'akte', 'vorgang', 'art'] as const;
const truth = (r: (typeof rows)[number], m: (typeof MERKMALE)[number]) =>
  m === 'einheit' ? r.unit_id : m === 'akte' ? r.akte_id : m === 'vorgang' ? r.vorgang_id : r.art;
const hits = Object.fromEntries(MERKMALE.map((m) => [m, { at1: 0, at3: 0, shown: 0, right: 0 }]));
const times: number[] = [];
// Documents that do not cite their Vorgang's Zeichen: what the content alone gives for the Vorgang.
const citesNothing = (r: (typeof rows)[number]) =>
  !r.externe_referenz || !`${r.titel} ${r.text ?? ''}`.includes(r.externe_referenz);
const uncited = { n: 0, at1: 0, at3: 0 };
for (const r of test) {
  const started = performance.now();
  const s = await suggest({ tenantId: TENANT, titel: r.titel, text: r.text ?? '' });
  times.push(performance.now() - started);
  for (const m of MERKMALE) {
    const k = s.kandidaten[m].map((c) => c.klasse);
    if (k[0] === truth(r, m)) hits[m]!.at1 += 1;
    if (k.includes(truth(r, m))) hits[m]!.at3 += 1;
    if (s[m]) hits[m]!.shown += 1;
    if (s[m]?.klasse === truth(r, m)) hits[m]!.right += 1;
  }
  if (citesNothing(r)) {
    const k = s.kandidaten.vorgang.map((c) => c.klasse);
    uncited.n += 1;
    if (k[0] === r.vorgang_id) uncited.at1 += 1;
    if (k.includes(r.vorgang_id)) uncited.at3 += 1;
  }
}
// Evidence on the generator: the body alone, without the title line, the Betreff line and the
// letterhead lines – does it tell the Aktenplan units apart? Compared with always guessing the
// units that have the most learned documents.
const bodyOnly = (text: string) =>
  text
    .split('\n')
    .filter((l, i) => i > 0 && !/^\s*(Betreff|Absender|Empfänger|Datum):/.test(l))
    .join('\n');
let body1 = 0;
let body3 = 0;
for (const r of test) {
  const k = (await suggest({ tenantId: TENANT, text: bodyOnly(r.text ?? '') })).kandidaten.einheit.map(
    (c) => c.klasse,
  );
  if (k[0] === r.unit_id) body1 += 1;
  if (k.includes(r.unit_id)) body3 += 1;
}
const perUnit = new Map<string, number>();
for (const r of train) perUnit.set(r.unit_id, (perUnit.get(r.unit_id) ?? 0) + 1);
const frequent = [...perUnit].sort((a, b) => b[1] - a[1]).map(([unit]) => unit);
const prior1 = test.filter((r) => r.unit_id === frequent[0]).length;
const prior3 = test.filter((r) => frequent.slice(0, 3).includes(r.unit_id)).length;

times.sort((a, b) => a - b);
const share = (n: number) => (n / test.length).toFixed(3).replace('.', ',');
const names = { einheit: 'Aktenplaneinheit', akte: 'Akte', vorgang: 'Vorgang', art: 'Dokumentart' };
console.log(`\nAblagevorschläge (bench:ablage), ${new Date().toISOString()}`);
console.log(
  `  Demo-Korpus ${TENANT}: ${rows.length} Dokumente, gelernt ${train.length} (${learned} gelesen) in ${learnSeconds.toFixed(1)} s, zurückgehalten ${test.length}`,
);
for (const m of MERKMALE)
  console.log(
    `  ${names[m].padEnd(17)} accuracy@1 ${share(hits[m]!.at1)}, @3 ${share(hits[m]!.at3)}; über der Schwelle 0,5: ${hits[m]!.shown} Vorschläge, davon richtig ${hits[m]!.right}`,
  );
console.log(
  `  Vorgang bei Dokumenten ohne Zeichen des Vorgangs (${uncited.n} von ${test.length}): accuracy@1 ${(uncited.at1 / Math.max(1, uncited.n)).toFixed(3).replace('.', ',')}, @3 ${(uncited.at3 / Math.max(1, uncited.n)).toFixed(3).replace('.', ',')}`,
);
console.log(
  `  Nur der Brieftext (ohne Titel, Betreff, Briefkopf): Aktenplaneinheit @1 ${share(body1)}, @3 ${share(body3)}; häufigste Einheiten geraten: @1 ${share(prior1)}, @3 ${share(prior3)}`,
);
console.log(
  `  Zeit je Vorschlag (mit Versionsabfrage): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms (Ziel ≤ 50 ms)`,
);
console.log(
  `  Modell laden und übersetzen (erster Vorschlag): ${loadMs.toFixed(0)} ms, ${classifier?.entries ?? 0} Einträge im Speicher`,
);
console.log(
  `  Last (1/5/15 min): ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ')} – 2 Kerne, mit anderen geteilt`,
);
await db.end();
await instance.stop();
process.exit(0);
