// bench:steuerung (issue 13): 4 counties, 1,000,000 Anträge and 100,000 connector deliveries over
// three years, bulk-generated in SQL; then p50/p95/max of every Steuerung figure as the pages ask
// for it, first counted directly (no aggregates yet), then from the aggregates of migration 0046,
// and the time of one aggregate refresh; then every page, API view and a CSV/XLSX export over
// HTTP. Prints the machine's load before and after.
//
//   npm run bench:steuerung [-- --antraege 1000000 --zustellungen 100000 --runden 30 --data-dir /tmp/x]
//
// With --data-dir the generated data is kept and a second run only measures.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { seedDemoFoerdermittel } from '../src/demo/foerdermittel.seed.ts';
import { seedDemoSteuerung } from '../src/demo/steuerung.seed.ts';
import type { Principal } from '../src/platform/http/principal.ts';
import { httpAnsichten } from './steuerung-http.ts';
import { percentile, progress, startBenchInstance } from './support.ts';

const { values } = parseArgs({
  options: {
    antraege: { type: 'string', default: '1000000' },
    zustellungen: { type: 'string', default: '100000' },
    runden: { type: 'string', default: '30' },
    'direkt-runden': { type: 'string', default: '5' },
    'data-dir': { type: 'string' },
  },
});
const ANTRAEGE = Number(values.antraege);
const ZUSTELLUNGEN = Number(values.zustellungen);
const RUNDEN = Number(values.runden);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

const loadVorher = load();
console.log(`bench:steuerung – ${os.cpus().length} Kerne, Last vorher (1/5/15 min): ${loadVorher}`);
const instance = await startBenchInstance({ dataDir: values['data-dir'], poolSize: 10 });
const owner = new pg.Pool({ connectionString: instance.ownerUrl, max: 2 });
const q = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) =>
  (await owner.query<T>(text, params)).rows;
const TENANTS = ['nordhausen', 'kyffhaeuserkreis', 'unstrut-hainich-kreis', 'wartburgkreis'];

try {
  const vorhanden = (await q<{ n: number }>(`select count(*)::int as n from antraege`))[0]!.n;
  if (vorhanden < ANTRAEGE) await generate(vorhanden);
  else console.log(`Daten vorhanden: ${vorhanden} Anträge (aus --data-dir)`);
  // The demo grant with its receipts (Beispieldaten), so the Fördermittel pages have one to show.
  if ((await q<{ n: number }>(`select count(*)::int as n from foerderbewilligungen`))[0]!.n === 0)
    await seedDemoFoerdermittel({ database: instance.services.database, blobs: instance.services.blobs });
  const [zahlen] = await q<{ a: number; n: number; o: number }>(
    `select (select count(*) from antraege)::int as a, (select count(*) from antrag_nachrichten)::int as n,
       (select count(*) from outbox)::int as o`,
  );
  console.log(`Bestand: ${zahlen!.a} Anträge, ${zahlen!.n} Nachrichten, ${zahlen!.o} Zustellungen`);

  const principal: Principal = {
    tenantId: 'unstrut-hainich-kreis',
    userId: null,
    login: 'bench',
    displayName: 'Bench',
    roles: ['verbund-admin', 'kreis-admin'],
    via: 'token',
    tokenId: 'bench',
  };
  const s = instance.services.steuerung;
  const jahr = new Date().getUTCFullYear();
  const heute = new Date().toISOString().slice(0, 10);
  const vor365 = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const ansichten: Array<[string, () => Promise<unknown>]> = [
    [
      `Mengen und Zeiten ${jahr}`,
      () => s.kennzahlen.antraege({ principal, von: `${jahr}-01-01`, bis: `${jahr}-12-31` }),
    ],
    [
      `Mengen und Zeiten ${jahr - 1}`,
      () => s.kennzahlen.antraege({ principal, von: `${jahr - 1}-01-01`, bis: `${jahr - 1}-12-31` }),
    ],
    ['Mengen und Zeiten 365 Tage', () => s.kennzahlen.antraege({ principal, von: vor365, bis: heute })],
    ['Zustand der Anbindungen', () => s.anbindungen.zustand({ principal })],
    ['Nachnutzung Matrix', () => s.nachnutzung.matrix({ principal })],
    ['Nachnutzung Verlauf', () => s.nachnutzung.verlauf({ principal })],
    [`Kostenteilung ${jahr}`, () => s.kosten.yearSplit({ principal, jahr })],
  ];

  await s.kennzahlen.verwerfen();
  if (Number(values['direkt-runden']) > 0) {
    console.log(`\nOhne Voraggregation (jede Zahl aus den Zeilen), ${values['direkt-runden']} Runden:`);
    await messen(ansichten, Number(values['direkt-runden']));
  }

  const t0 = performance.now();
  const r = await s.kennzahlen.auffrischen();
  console.log(
    `\nAuffrischen der Aggregate: ${Math.round(performance.now() - t0)} ms (in der Datenbank ${r!.dauerMs} ms, ${r!.antraege} Anträge)`,
  );
  // The refresh deletes and rewrites every aggregate row: autovacuum and fresh statistics follow within
  // the next minute and slowed the first view measured. Measured is the state between two refreshes.
  const t1 = performance.now();
  await q(
    `vacuum (analyze) steuerung_agg_antraege, steuerung_agg_bescheide, steuerung_agg_bescheide_tage,
       steuerung_agg_offen, steuerung_agg_zustellungen, steuerung_agg_antraege_monat, steuerung_agg_bescheide_kreis`,
  );
  console.log(`VACUUM (ANALYZE) der Aggregate danach: ${Math.round(performance.now() - t1)} ms`);
  console.log(`\nMit Voraggregation, ${RUNDEN} Runden:`);
  await messen(ansichten, RUNDEN);
  console.log(`\nÜber HTTP (Seiten, API, Exporte), mit Voraggregation, ${RUNDEN} Runden:`);
  await messen(await httpAnsichten(instance), RUNDEN);
} finally {
  await owner.end();
  await instance.stop();
  console.log(`\nLast vorher: ${loadVorher}, nachher: ${load()}`);
}

async function messen(ansichten: Array<[string, () => Promise<unknown>]>, runden: number) {
  for (const [name, lauf] of ansichten) {
    await lauf(); // warm
    const ms: number[] = [];
    for (let i = 0; i < runden; i++) {
      const t = performance.now();
      await lauf();
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    const f = (v: number) => v.toFixed(0).padStart(6);
    console.log(
      `  ${name.padEnd(56)} p50 ${f(percentile(ms, 50))} ms  p95 ${f(percentile(ms, 95))} ms  max ${f(ms.at(-1)!)} ms`,
    );
  }
}

/** Bulk generation: the demo connectors first, then Anträge in chunks per county, then deliveries. */
async function generate(vorhanden: number) {
  const t0 = performance.now();
  if (vorhanden === 0)
    await seedDemoSteuerung({
      database: instance.services.database,
      zustellVerzeichnis: path.join(instance.dir, 'zustellungen'),
    });
  const schon = (await q<{ n: number }>(`select count(*)::int as n from antraege`))[0]!.n;
  const fehlen = ANTRAEGE - schon;
  const CHUNK = 50_000;
  const bar = progress('Anträge', fehlen);
  let done = 0;
  for (let start = 0; start < fehlen; start += CHUNK) {
    const tenant = TENANTS[(start / CHUNK) % TENANTS.length]!;
    const n = Math.min(CHUNK, fehlen - start);
    await q(antraegeSql(), [tenant, n]);
    done += n;
    bar(done);
  }
  console.log(`Anträge erzeugt in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const t1 = performance.now();
  const zustellungen = (await q<{ n: number }>(`select count(*)::int as n from outbox`))[0]!.n;
  await q(zustellungenSql(), [Math.max(0, ZUSTELLUNGEN - zustellungen)]);
  await q('analyze');
  console.log(`Zustellungen erzeugt und ANALYZE in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
}

// One chunk of one county: every activated service in turn, Eingang spread over three years, the
// first Bescheid 0–60 days later when that lies in the past (2 % withdrawn, the rest still open).
function antraegeSql() {
  return `
  with la as (
    select row_number() over (order by leistung_id) - 1 as k, leistung_id, akte_id, zustaendig_oe_id,
      count(*) over () as anzahl
    from leistung_aktivierungen where tenant_id = $1 and aktiv and akte_id is not null
  ), gem as (
    select array_agg(ags) as ags from gemeinden where kreisschluessel = (select kreisschluessel from tenants where id = $1)
  ), g as materialized (
    select la.leistung_id, la.akte_id, la.zustaendig_oe_id, gem.ags[1 + i % cardinality(gem.ags)] as ags,
      now() - random() * interval '1095 days' as eingang,
      random() * interval '60 days' as dauer, random() < 0.02 as zurueck,
      gen_random_uuid() as vorgang_id, gen_random_uuid() as antrag_id, nextval('antrag_nummer_seq') as lfd
    from generate_series(1, $2::int) i cross join gem join la on la.k = i % la.anzahl
  ), f as materialized (
    select g.*, 'B-' || g.lfd as nummer,
      case when not g.zurueck and g.eingang + g.dauer < now() then g.eingang + g.dauer end as bescheid
    from g
  ), v as (
    insert into vorgaenge (tenant_id, id, akte_id, betreff, status, eingangsdatum, zustaendig_oe_id, created_at, created_by)
    select $1, vorgang_id, akte_id, 'Bench ' || nummer,
      case when zurueck then 'zurueckgezogen' when bescheid is not null then 'beschieden' else 'in-bearbeitung' end,
      eingang::date, zustaendig_oe_id, eingang, 'bench' from f returning 1
  ), a as (
    insert into antraege (tenant_id, id, nummer, tracking_hash, leistung_id, gemeinde_ags, daten, vorgang_id, quelle,
      metadaten, created_at)
    select $1, antrag_id, nummer, md5(antrag_id::text) || md5(vorgang_id::text), leistung_id, ags, '{}', vorgang_id, 'api',
      '{}', eingang from f returning 1
  ), n as (
    insert into antrag_nachrichten (tenant_id, antrag_id, art, text, created_at, created_by)
    select $1, antrag_id, 'bescheid', 'Bescheid', bescheid, 'bench' from f where bescheid is not null returning 1
  )
  select (select count(*) from v) + (select count(*) from a) + (select count(*) from n)`;
}

// Deliveries of the active connectors over three years: 97 % delivered 0.1–2 s after creation, 2 %
// dead, 1 % failing (a retry waiting).
function zustellungenSql() {
  return `
  with ca as (
    select row_number() over (order by tenant_id, connector_id) - 1 as k, tenant_id, connector_id, count(*) over () as anzahl
    from connector_aktivierungen where status = 'active'
  ), g as (
    select ca.tenant_id, ca.connector_id, now() - random() * interval '1095 days' as t, random() as r
    from generate_series(1, $1::int) i join ca on ca.k = i % ca.anzahl
  )
  insert into outbox (tenant_id, connector_id, ordering_key, ereignis, payload, status, attempts, max_attempts,
    next_attempt_at, last_error, created_at, delivered_at)
  select tenant_id, connector_id, gen_random_uuid()::text, 'antrag.eingegangen', '{"event": {"bench": true}}',
    case when r < 0.97 then 'delivered' when r < 0.99 then 'dead' else 'pending' end,
    case when r < 0.97 then 1 when r < 0.99 then 8 else 2 end, 8,
    case when r < 0.99 then t else now() + interval '1 day' end,
    case when r >= 0.97 then 'HTTP 503 (Bench)' end, t,
    case when r < 0.97 then t + (0.1 + random() * 1.9) * interval '1 second' end
  from g`;
}
