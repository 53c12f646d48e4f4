/**
 * Benchmark of the public council pages (issue 12): one county with 10,000 published public Vorlagen
 * (plus 1,000 non-public ones), 600 sessions over six years with 18 agenda items each, three Gremien
 * with members in two Wahlperioden – all Beispieldaten generated here. Measures over real HTTP, one
 * request at a time, p50/p95/max of the calendar, a session, a Vorlage, a Gremium, the search and the
 * iCal feed, with the machine's load. Target: p95 ≤ 200 ms per page.
 *
 *   npm run bench:ratsinfo -- [--vorlagen 10000] [--requests 200]
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createRatsinfoUsecases } from '../src/modules/gremien/gremien.module.ts';
import { percentile, progress, startBenchInstance } from './support.ts';

const { values } = parseArgs({
  options: { vorlagen: { type: 'string', default: '10000' }, requests: { type: 'string', default: '200' } },
});
const PUBLIC = Number(values.vorlagen);
const ALL = Math.round(PUBLIC * 1.1); // every 11th is non-public
const REQUESTS = Number(values.requests);
const KREIS = 'unstrut-hainich-kreis';
const SESSIONS = 600;
const TOPS = 18;
const load = () =>
  `${cpus().length} Kerne, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Last (1/5/15 min) ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}`;

// Beispieldaten: topics, places and sentences of council papers.
const THEMEN = [
  'Haushaltssatzung',
  'Schulnetzplanung',
  'Kreisstraße',
  'Zweckvereinbarung',
  'Digitalisierung der Verwaltung',
  'Förderung des Ehrenamts',
  'Jugendhilfeplanung',
  'Abfallgebührensatzung',
  'Breitbandausbau',
  'Rettungsdienstbereichsplan',
  'Nahverkehrsplan',
  'Kreisumlage',
  'Stellenplan',
  'Sportstättenförderung',
  'Brandschutzbedarfsplan',
  'Tourismuskonzept',
  'Klimaschutzkonzept',
  'Sanierung der Berufsschule',
];
const ORTE = ['Mühlhausen', 'Bad Langensalza', 'Schlotheim', 'Körner', 'Menteroda', 'Heyerode', 'Dünwald'];
const SAETZE = [
  'Die Verwaltung empfiehlt die Zustimmung.',
  'Die Kosten sind im Haushalt veranschlagt.',
  'Der Ausschuss hat die Vorlage vorberaten.',
  'Mit der Maßnahme werden Anträge der Gemeinden umgesetzt.',
  'Fördermittel des Landes sind beantragt.',
  'Die Stellungnahmen der Fraktionen liegen vor.',
  'Die Umsetzung beginnt im folgenden Haushaltsjahr.',
];

const instance = await startBenchInstance({ poolSize: 10 });
try {
  const owner = new pg.Client({ connectionString: instance.ownerUrl });
  owner.on('error', () => {});
  await owner.connect();
  const started = Date.now();
  const q = (text: string, params: unknown[] = []) => owner.query(text, params);
  await q('select setseed(0.42)');
  const gremien = (
    await q(
      `insert into gremien (tenant_id, name, kuerzel, art, sitze) values
         ($1, 'Kreistag (Benchmark)', 'BKT', 'kreistag', 46), ($1, 'Kreisausschuss (Benchmark)', 'BKA', 'kreisausschuss', 12),
         ($1, 'Bauausschuss (Benchmark)', 'BBA', 'ausschuss', 9) returning id`,
      [KREIS],
    )
  ).rows.map((r) => r.id as string);
  const perioden = (
    await q(
      `insert into wahlperioden (tenant_id, name, beginn, ende) values
         ($1, 'B 2014–2019', '2014-06-01', '2019-05-31'), ($1, 'B 2019–2024', '2019-06-01', '2024-05-31') returning id`,
      [KREIS],
    )
  ).rows.map((r) => r.id as string);
  await q(
    `with p0 as (insert into personen (tenant_id, familienname, vorname)
                select $1, 'Mitglied ' || g, (array['Anna','Bernd','Clara','Dirk','Eva','Frank'])[1 + g % 6]
                from generate_series(1, 120) g returning id, familienname),
          p as (select id, row_number() over (order by familienname) as n from p0)
     insert into mitgliedschaften (tenant_id, gremium_id, person_id, wahlperiode_id, rolle, fraktion, von, bis)
     select $1, ($2::uuid[])[1 + (n % 3)], id, ($3::uuid[])[1 + (n / 60)::int % 2],
            case when n % 40 = 1 then 'vorsitz' else 'mitglied' end,
            (array['Fraktion A','Fraktion B','Fraktion C','Fraktion D'])[1 + n % 4],
            case when (n / 60)::int % 2 = 0 then date '2014-06-01' else date '2019-06-01' end,
            case when (n / 60)::int % 2 = 0 then date '2019-05-31' else date '2024-05-31' end
     from p`,
    [KREIS, gremien, perioden],
  );
  await q(
    `insert into vorlagen (tenant_id, drucksachen_nr, art, status, oeffentlich, betreff, einreicher, einreichung,
                           beschlussvorschlag, begruendung, veroeffentlicht_am, created_by, created_at)
     select $1, 'B/' || lpad(g::text, 5, '0') || '/' || (2019 + g % 6), 'beschlussvorlage', 'veroeffentlicht', g % 11 <> 0,
            t || ' ' || o || ' (Beispielvorlage ' || g || ')', 'Verwaltung', date '2019-01-01' + (g % 2000),
            'Der Kreistag möge beschließen: ' || t || ' für ' || o || ' wird zugestimmt.',
            (select string_agg(($4::text[])[1 + ((g * 7 + k * 3) % array_length($4::text[], 1))], ' ')
               from generate_series(1, 12) k),
            timestamptz '2019-01-01 00:00+00' + g * interval '4 hours', 'bench', now()
     from generate_series(1, $2::int) g,
          lateral (select ($3::text[])[1 + g % array_length($3::text[], 1)] as t,
                          ($5::text[])[1 + (g / 7) % array_length($5::text[], 1)] as o) x`,
    [KREIS, ALL, THEMEN, SAETZE, ORTE],
  );
  await q(
    `insert into beratungsfolge (tenant_id, vorlage_id, position, gremium_id, datum, zustaendigkeit)
     select $1, v.id, p, ($2::uuid[])[case when p = 1 then 2 else 1 end], v.einreichung + p * 14,
            case when p = 1 then 'vorberatung' else 'entscheidung' end
     from vorlagen v, generate_series(1, 2) p where v.tenant_id = $1`,
    [KREIS, gremien],
  );
  await q(
    `insert into sitzungen (tenant_id, gremium_id, nummer, beginn, ende, ort, status, sequenz, created_by)
     select $1, ($2::uuid[])[1 + g % 3], 1 + g / 3, timestamptz '2019-01-07 17:00+01' + g * interval '3 days 1 hour',
            timestamptz '2019-01-07 20:00+01' + g * interval '3 days 1 hour', 'Landratsamt, Sitzungssaal ' || (1 + g % 4),
            case when g % 25 = 24 then 'abgesagt' when g < 500 then 'durchgefuehrt' when g < 560 then 'eingeladen' else 'geplant' end,
            g % 4, 'bench'
     from generate_series(0, $3::int - 1) g`,
    [KREIS, gremien, SESSIONS],
  );
  // Agenda: item k of session i carries Vorlage (i * 18 + k) – a non-public Vorlage only in the non-public part.
  await q(
    `with s as (select id, status, row_number() over (order by beginn) - 1 as i from sitzungen where tenant_id = $1),
          v as (select id, oeffentlich, row_number() over (order by drucksachen_nr) - 1 as j from vorlagen where tenant_id = $1),
          t as (insert into tagesordnungspunkte (tenant_id, sitzung_id, position, titel, oeffentlich, vorlage_id)
                select $1, s.id, k + 1, 'Beratung und Beschlussfassung ' || (s.i * $2 + k), v.oeffentlich, v.id
                from s cross join generate_series(0, $2::int - 1) k join v on v.j = (s.i * $2 + k) % $3
                returning id, sitzung_id)
     insert into beratungen (tenant_id, top_id, ergebnis, ja, nein, enthaltung, updated_by)
     select $1, t.id, 'beschlossen', 30, 5, 2, 'bench' from t join s on s.id = t.sitzung_id where s.status = 'durchgefuehrt'`,
    [KREIS, TOPS, ALL],
  );
  await q('analyze');
  await owner.end();
  console.log(
    `Beispieldaten: ${PUBLIC} öffentliche + ${ALL - PUBLIC} nichtöffentliche Vorlagen, ${SESSIONS} Sitzungen mit je ${TOPS} TOPs in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  // The search index: the analyzer builds every vector once (a search does at most 200 per request).
  const ratsinfo = createRatsinfoUsecases({
    database: instance.services.database,
    members: instance.services.verbund,
  });
  const t0 = performance.now();
  const bar = progress('Suchindex', PUBLIC);
  let indexed = 0;
  for (;;) {
    const n = await ratsinfo.indexieren({ kreis: KREIS, limit: 500 });
    if (n === 0) break;
    indexed += n;
    bar(indexed);
  }
  const indexSeconds = (performance.now() - t0) / 1000;
  console.log(
    `Suchindex: ${indexed} Vorlagen in ${indexSeconds.toFixed(1)} s (${((indexSeconds * 1000) / indexed).toFixed(2)} ms je Vorlage)`,
  );

  const read = new pg.Client({ connectionString: instance.ownerUrl });
  await read.connect();
  const ids = async (sql: string) => (await read.query(sql)).rows.map((r) => r.id as string);
  const sitzungen = await ids(`select id from sitzungen where tenant_id = '${KREIS}'`);
  const vorlagen = await ids(`select id from vorlagen where tenant_id = '${KREIS}' and oeffentlich`);
  const monate = (
    await read.query(
      `select distinct to_char(beginn at time zone 'Europe/Berlin', 'YYYY-MM') as m from sitzungen where tenant_id = '${KREIS}'`,
    )
  ).rows.map((r) => r.m as string);
  await read.end();
  const WOERTER = [
    'Haushalt',
    'Schulen',
    'Zweckvereinbarungen',
    'Kreisstraße Mühlhausen',
    'Anträge',
    'Förder*',
    'B/00042/2019',
    '"Breitbandausbau Körner"',
    'Rettungsdienst',
    'Klimaschutz',
  ];
  const pick = <T>(list: T[], i: number) => list[(i * 7919) % list.length]!;
  const base = `${instance.url}/ratsinfo/${KREIS}`;
  const pages: Array<[string, (i: number) => string]> = [
    ['Kalender (Monat)', (i) => `${base}/?monat=${pick(monate, i)}`],
    ['Sitzung', (i) => `${base}/sitzungen/${pick(sitzungen, i)}`],
    ['Vorlage', (i) => `${base}/vorlagen/${pick(vorlagen, i)}`],
    ['Gremium', (i) => `${base}/gremien/${pick(gremien, i)}?wahlperiode=${pick(perioden, i)}`],
    ['Suche', (i) => `${base}/suche?q=${encodeURIComponent(pick(WOERTER, i))}`],
    ['Suche, 2. Seite', (i) => `${base}/suche?q=${encodeURIComponent(pick(WOERTER, i))}&offset=20`],
    ['iCal je Gremium', (i) => `${base}/gremien/${pick(gremien, i)}/kalender.ics`],
  ];
  console.log(`Maschine vorher: ${load()}`);
  // Warm-up: plans, caches and the analyzer's lexicon, as on a running server.
  for (const [, url] of pages) for (let i = 0; i < 10; i++) await (await fetch(url(i))).text();
  for (const [name, url] of pages) {
    const times: number[] = [];
    // CPU of this process (server and client, without PostgreSQL): less dependent on the machine's load.
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      const res = await fetch(url(i));
      await res.text();
      times.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`${url(i)}: ${res.status}`);
    }
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000 / REQUESTS;
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    console.log(
      `${name.padEnd(18)} ${REQUESTS} Anfragen: p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, ` +
        `max ${times.at(-1)!.toFixed(0)} ms, Node-CPU ${cpuMs.toFixed(1)} ms je Anfrage (Ziel p95 ≤ 200 ms: ${p95 <= 200 ? 'erreicht' : 'nicht erreicht'})`,
    );
  }
  console.log(`Maschine nachher: ${load()}`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await instance.stop();
}
