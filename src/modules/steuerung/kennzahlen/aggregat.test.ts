import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { testPrincipal } from '../../../../test/support/principal.ts';
import { seedDemoSteuerung } from '../../../demo/steuerung.seed.ts';

// The pre-aggregated figures (migration 0046) against an independent computation with PostgreSQL's
// own percentile_cont over the real rows: the demo year (5,660 Anträge with Bescheide, open and
// withdrawn cases) plus second Bescheide and rows after the watermark.

let t: TestContext;
const jetzt = new Date();
beforeAll(async () => {
  t = await createTestContext();
  await seedDemoSteuerung({
    database: t.services.database,
    zustellVerzeichnis: path.join(t.config.dataDir, 'zustellungen'),
    jetzt,
  });
  // A second Bescheid (e.g. a corrected one) does not change the processing time: the first counts.
  await t.superuser.query(`
    insert into antrag_nachrichten (tenant_id, antrag_id, art, text, created_at, created_by)
    select tenant_id, antrag_id, 'bescheid', 'Änderungsbescheid', created_at + interval '3 days', 'test'
    from antrag_nachrichten where art = 'bescheid' and created_at < now() - interval '3 days'
    order by id limit 40`);
}, 120_000);
afterAll(() => t.close());

const kreis = testPrincipal('nordhausen', ['verbund-admin'], 'token');
const kennzahlen = () => t.services.steuerung.kennzahlen;
const tag = (d: Date) => d.toISOString().slice(0, 10);
const vor = (tage: number) => tag(new Date(jetzt.getTime() - tage * 86_400_000));
const jahr = jetzt.getUTCFullYear();
const ZEITRAEUME = [
  { von: vor(365), bis: tag(jetzt) },
  { von: `${jahr}-01-01`, bis: `${jahr}-12-31` },
  { von: `${jahr - 1}-01-01`, bis: `${jahr - 1}-12-31` },
  { von: vor(45), bis: vor(20) },
  { von: vor(200), bis: vor(200) },
];

/** The same figures straight from the rows with percentile_cont (days in Europe/Berlin, whole days). */
async function direkt({ von, bis }: { von: string; bis: string }) {
  const monate = await t.superuser.query(
    `select tenant_id as "tenantId", leistung_id as "leistungId",
       to_char(date_trunc('month', steuerung_tag(created_at)), 'YYYY-MM') as monat, count(*)::int as anzahl
     from antraege where steuerung_tag(created_at) between $1 and $2 group by 1, 2, 3 order by 1, 2, 3`,
    [von, bis],
  );
  const zeiten = await t.superuser.query(
    `with erster as (
       select tenant_id, antrag_id, min(created_at) as bescheid from antrag_nachrichten where art = 'bescheid' group by 1, 2
     ), f as (
       select a.tenant_id, a.leistung_id, a.created_at, e.bescheid, v.status from antraege a
       join vorgaenge v on v.tenant_id = a.tenant_id and v.id = a.vorgang_id
       left join erster e on e.tenant_id = a.tenant_id and e.antrag_id = a.id
     ), b as (
       select tenant_id, leistung_id, count(*)::int as n,
         percentile_cont(0.5) within group (order by floor(extract(epoch from bescheid - created_at) / 86400)) as med,
         percentile_cont(0.9) within group (order by floor(extract(epoch from bescheid - created_at) / 86400)) as p90
       from f where steuerung_tag(bescheid) between $1 and $2 group by 1, 2
     ), o as (
       select tenant_id, leistung_id, count(*)::int as n,
         percentile_cont(0.5) within group (order by $2::date - steuerung_tag(created_at)) as med,
         max($2::date - steuerung_tag(created_at))::float8 as mx
       from f where bescheid is null and status not in ('zurueckgezogen', 'abgeschlossen')
         and steuerung_tag(created_at) <= $2 group by 1, 2
     )
     select coalesce(b.tenant_id, o.tenant_id) as "tenantId", coalesce(b.leistung_id, o.leistung_id) as "leistungId",
       coalesce(b.n, 0) as beschieden, b.med as "medianTage", b.p90 as "p90Tage", coalesce(o.n, 0) as offen,
       o.med as "offenMedianTage", o.mx as "offenMaxTage"
     from b full join o on o.tenant_id = b.tenant_id and o.leistung_id = b.leistung_id order by 1, 2`,
    [von, bis],
  );
  return { monate: monate.rows, zeiten: zeiten.rows };
}

async function vergleiche() {
  for (const zeitraum of ZEITRAEUME) {
    const [ist, soll] = await Promise.all([
      kennzahlen().antraege({ principal: kreis, ...zeitraum }),
      direkt(zeitraum),
    ]);
    expect({ zeitraum, monate: ist.monate }).toEqual({ zeitraum, monate: soll.monate });
    expect(ist.zeiten).toHaveLength(soll.zeiten.length);
    for (const [i, z] of ist.zeiten.entries()) {
      const s = soll.zeiten[i]!;
      expect({ zeitraum, ...z }).toEqual({ zeitraum, ...s, medianTage: z.medianTage, p90Tage: z.p90Tage });
      for (const k of ['medianTage', 'p90Tage', 'offenMedianTage', 'offenMaxTage'] as const)
        if (s[k] === null) expect(z[k]).toBeNull();
        else expect(z[k]).toBeCloseTo(s[k], 9);
    }
  }
}

describe('pre-aggregated volumes and processing times', () => {
  it('count every row directly before the first refresh, equal to percentile_cont over the rows', async () => {
    expect((await kennzahlen().stand()).aggregate).toBeNull();
    await vergleiche();
  });

  it('give the same figures from the aggregates after a refresh, with the live tail after the watermark', async () => {
    const r = await kennzahlen().auffrischen();
    expect(r!.antraege).toBeGreaterThan(5000);
    const stand = (await kennzahlen().stand()).aggregate!;
    expect(Date.parse(stand.bis)).toBeLessThan(Date.now() - 55_000);
    expect(stand.dauerMs).toBeGreaterThanOrEqual(0);
    const { rows } = await t.superuser.query(`select count(*)::int as n from steuerung_agg_bescheide`);
    expect(rows[0].n).toBeGreaterThan(0);
    await vergleiche();
  });

  it('count an Antrag decided and one received after the refresh at once, without a new refresh', async () => {
    const vorher = await kennzahlen().antraege({ principal: kreis, von: vor(365), bis: tag(jetzt) });
    const offenVorher = vorher.zeiten.reduce((s, z) => s + z.offen, 0);
    await t.superuser.query(`
      insert into antrag_nachrichten (tenant_id, antrag_id, art, text, created_by)
      select a.tenant_id, a.id, 'bescheid', 'Bescheid', 'test' from antraege a
      join vorgaenge v on v.tenant_id = a.tenant_id and v.id = a.vorgang_id
      where v.status = 'in-bearbeitung' and a.created_at < now() - interval '2 days'
        and not exists (select 1 from antrag_nachrichten n where n.antrag_id = a.id and n.art = 'bescheid')
      order by a.id limit 3`);
    const nachher = await kennzahlen().antraege({ principal: kreis, von: vor(365), bis: tag(jetzt) });
    expect(nachher.zeiten.reduce((s, z) => s + z.offen, 0)).toBe(offenVorher - 3);
    await vergleiche();
    // A refresh while nothing changed is skipped when one ran within the given time.
    expect(await kennzahlen().auffrischen({ nichtVorMs: 60_000 })).toBeNull();
    await kennzahlen().auffrischen();
    await vergleiche();
  });

  it('still give median 5.5 and p90 9.1 days for times of 1 … 10 days from the histograms', async () => {
    await t.superuser.query(`
      with v as (
        insert into vorgaenge (tenant_id, akte_id, betreff, status, created_by)
        select 'nordhausen', la.akte_id, 'Jagdschein ' || i, case when i <= 10 then 'beschieden' else 'neu' end, 'test'
        from leistung_aktivierungen la, generate_series(1, 12) i
        where la.tenant_id = 'nordhausen' and la.leistung_id = 'jagdschein'
        returning id, betreff
      ), a as (
        insert into antraege (tenant_id, nummer, tracking_hash, leistung_id, gemeinde_ags, daten, vorgang_id, quelle,
          metadaten, created_at)
        select 'nordhausen', 'T-' || v.betreff, md5(v.betreff) || md5(v.betreff), 'jagdschein', '16062041', '{}', v.id,
          'api', '{}', case when split_part(v.betreff, ' ', 2)::int <= 10
            then timestamptz '2020-09-30 12:00+00' - make_interval(days => split_part(v.betreff, ' ', 2)::int)
            else timestamptz '2020-09-20 12:00+00' end
        from v returning id, created_at, nummer
      )
      insert into antrag_nachrichten (tenant_id, antrag_id, art, text, created_at, created_by)
      select 'nordhausen', a.id, 'bescheid', 'Bescheid', '2020-09-30 12:00+00', 'test' from a
      where split_part(a.nummer, ' ', 2)::int <= 10`);
    await kennzahlen().auffrischen();
    const r = await kennzahlen().antraege({ principal: kreis, von: '2020-01-01', bis: '2020-12-31' });
    const z = r.zeiten.find((x) => x.tenantId === 'nordhausen' && x.leistungId === 'jagdschein')!;
    expect(z.beschieden).toBe(10);
    expect(z.medianTage).toBeCloseTo(5.5, 9);
    expect(z.p90Tage).toBeCloseTo(9.1, 9);
    // open on 31.12.2020, received 20.09.2020: 102 whole days
    expect([z.offen, z.offenMaxTage]).toEqual([2, 102]);
    const { rows } = await t.superuser.query(
      `select sum(anzahl)::int as n from steuerung_agg_bescheide where landkreis_id = 'nordhausen' and leistung_id = 'jagdschein'`,
    );
    expect(rows[0].n).toBe(10);
  });

  it('give the same reuse matrix, usage counts, connector health and monthly times from the aggregates as from the rows', async () => {
    const steuerung = t.services.steuerung;
    const lesen = async () => ({
      matrix: await steuerung.nachnutzung.matrix({ principal: kreis }),
      verlauf: await steuerung.nachnutzung.verlauf({ principal: kreis }),
      kosten: await steuerung.kosten.yearSplit({ principal: kreis, jahr }),
      zustand: await steuerung.anbindungen.zustand({ principal: kreis, jetzt }),
      // Anträge and median/p90 per month of the Steuerung page (migration 0070), every period.
      monate: await Promise.all(
        ZEITRAEUME.map(({ von, bis }) =>
          t.services.database.withTenant('nordhausen', async (trx) => {
            const r = await sql`select * from steuerung_zeiten_monate(${von}::date, ${bis}::date)`.execute(
              trx,
            );
            return r.rows;
          }),
        ),
      ),
    });
    await kennzahlen().verwerfen();
    const direkt = await lesen();
    expect(direkt.matrix.genutzt).toBeGreaterThan(0);
    expect(direkt.monate[0]!.length).toBeGreaterThan(12);
    await kennzahlen().auffrischen();
    const { rows } = await t.superuser.query(`select count(*)::int as n from steuerung_agg_antraege`);
    expect(rows[0].n).toBeGreaterThan(100);
    expect(await lesen()).toEqual(direkt);
  });

  it('name the areas that are sample data', async () => {
    const { beispieldaten } = await kennzahlen().stand();
    expect(beispieldaten.map((b) => b.bereich)).toContain('antraege');
  });
});
