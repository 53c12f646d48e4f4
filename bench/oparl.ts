/**
 * OParl benchmark (issue 12): a Body with 10,000 published papers (Beispieldaten), each with its
 * Beratungsfolge (embedded as Consultations), walked over real HTTP page by page (limit 100) the way a
 * harvesting client does. Prints time per page (p50/p95/max) and for the whole walk, with the
 * machine's load. Targets: p95 per page ≤ 300 ms, full walk ≤ 60 s.
 *
 *   npm run bench:oparl -- [--papers 10000] [--limit 100]
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { percentile, startBenchInstance } from './support.ts';

const { values } = parseArgs({
  options: { papers: { type: 'string', default: '10000' }, limit: { type: 'string', default: '100' } },
});
const PAPERS = Number(values.papers);
const LIMIT = Number(values.limit);
const BODY = 'unstrut-hainich-kreis';
const load = () =>
  `${cpus().length} Kerne, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Last (1/5/15 min) ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}`;

const instance = await startBenchInstance({ poolSize: 10 });
try {
  const owner = new pg.Client({ connectionString: instance.ownerUrl });
  await owner.connect();
  const started = Date.now();
  // Sample data: a Kreistag, and papers numbered BENCH/1 … with a Beratungsfolge entry each.
  const { rows } = await owner.query<{ id: string }>(
    `insert into gremien (tenant_id, name, kuerzel, art, sitze) values ($1, 'Kreistag (Benchmark)', 'BKT', 'kreistag', 46)
     returning id`,
    [BODY],
  );
  await owner.query(
    `with v as (
       insert into vorlagen (tenant_id, drucksachen_nr, betreff, einreicher, einreichung, status, oeffentlich,
                             veroeffentlicht_am, created_by, created_at)
       select $1, 'BENCH/' || g, 'Beispielvorlage ' || g || ' zur Zweckvereinbarung', 'Verwaltung',
              date '2020-01-01' + (g % 365), 'veroeffentlicht', true, now(), 'bench',
              timestamptz '2020-01-01 00:00+00' + g * interval '1 minute'
       from generate_series(1, $2::int) g returning id)
     insert into beratungsfolge (tenant_id, vorlage_id, position, gremium_id, datum, zustaendigkeit)
     select $1, v.id, 1, $3::uuid, date '2020-06-24', 'entscheidung' from v`,
    [BODY, PAPERS, rows[0]!.id],
  );
  await owner.query('analyze');
  await owner.end();
  console.log(
    `${PAPERS} Vorlagen mit Beratungsfolge angelegt in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  const walk = async (query: string) => {
    const times: number[] = [];
    let url: string | undefined = `${instance.url}/oparl/v1.1/body/${BODY}/paper?limit=${LIMIT}${query}`;
    let papers = 0;
    const t0 = performance.now();
    while (url) {
      const t = performance.now();
      const res = await fetch(url);
      const page = (await res.json()) as { data: unknown[]; links: { next?: string } };
      times.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      papers += page.data.length;
      url = page.links.next;
    }
    const total = (performance.now() - t0) / 1000;
    times.sort((a, b) => a - b);
    return {
      papers,
      pages: times.length,
      total,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: times.at(-1)!,
    };
  };

  console.log(`Maschine vorher: ${load()}`);
  await walk(''); // warm-up: plans and caches, as on a running server
  for (const [name, query] of [
    ['vollständig (mit Beratungsfolge)', ''],
    ['omit_internal=true', '&omit_internal=true'],
  ] as const) {
    const r = await walk(query);
    console.log(
      `Durchlauf ${name}: ${r.papers} Papers in ${r.pages} Seiten, ${r.total.toFixed(1)} s; ` +
        `je Seite p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms, max ${r.max.toFixed(0)} ms ` +
        `(Ziel p95 ≤ 300 ms: ${r.p95 <= 300 ? 'erreicht' : 'nicht erreicht'}; Ziel Durchlauf ≤ 60 s: ${r.total <= 60 ? 'erreicht' : 'nicht erreicht'})`,
    );
  }
  console.log(`Maschine nachher: ${load()}`);
} finally {
  await instance.stop();
}
