import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DEMO_TENANTS, type TestContext } from '../../test/support/context.ts';
import { testPrincipal } from '../../test/support/principal.ts';
import { ANTRAEGE_JE_JAHR, GESTOERT } from './steuerung.data.ts';
import { seedDemoSteuerung } from './steuerung.seed.ts';

let t: TestContext;
let seconds = 0;
let seeded: Awaited<ReturnType<typeof seedDemoSteuerung>>;
const jetzt = new Date();
beforeAll(async () => {
  t = await createTestContext();
  const started = performance.now();
  seeded = await seedDemoSteuerung({
    database: t.services.database,
    zustellVerzeichnis: path.join(t.config.dataDir, 'zustellungen'),
    jetzt,
  });
  seconds = (performance.now() - started) / 1000;
}, 120_000);
afterAll(() => t.close());

const principal = (tenantId: string) => testPrincipal(tenantId, ['verbund-admin', 'kreis-admin'], 'token');
const get = async (county: string, p: string) =>
  (await t.request(`/api/v1${p}`, { token: await t.tokenFor(county) })).json;
const tag = (d: Date) => d.toISOString().slice(0, 10);
const vor = (tage: number) => tag(new Date(jetzt.getTime() - tage * 86_400_000));

describe('the Steuerung demo data', () => {
  it('gives every county two registered Fachverfahren, marked as sample data', async () => {
    console.log(
      `seedDemoSteuerung: ${seconds.toFixed(2)} s, ${seeded.antraege} Anträge, ${seeded.zustellungen} Zustellungen`,
    );
    for (const county of DEMO_TENANTS) {
      const list = await get(county, '/fachverfahren');
      const items = list.items ?? list;
      expect(items).toHaveLength(2);
      for (const f of items) expect(f.name).toContain('(Beispieldaten)');
    }
  });

  it('has connectors defined by the county that analysed the procedure and activated by others', async () => {
    const list = await get('nordhausen', '/connectoren');
    const items: Array<{ id: string; ownerTenantId?: string; owner?: { id: string } }> = list.items ?? list;
    const owners = new Map(items.map((c) => [c.id, JSON.stringify(c)]));
    expect(owners.get('wohngeld-fachverfahren')).toContain('kyffhaeuserkreis');
    expect(owners.get('kfz-zulassung')).toContain('wartburgkreis');
    expect(owners.get('fahrerlaubnis')).toContain('unstrut-hainich-kreis');
    const { rows } = await t.superuser.query<{ connector_id: string; n: string }>(
      `select connector_id, count(*) as n from connector_aktivierungen where status = 'active' group by 1`,
    );
    const aktiv = new Map(rows.map((r) => [r.connector_id, Number(r.n)]));
    expect(aktiv.get('wohngeld-fachverfahren')).toBe(4);
    expect(aktiv.get('kfz-zulassung')).toBe(3);
  });

  it('holds a year of Anträge per county with Bescheide, open cases and processing times', async () => {
    const total = Object.values(ANTRAEGE_JE_JAHR)
      .flatMap((m) => Object.values(m))
      .reduce((a, b) => a + b, 0);
    expect(seeded.antraege).toBe(total);
    const { monate, zeiten } = await t.services.steuerung.kennzahlen.antraege({
      principal: principal('nordhausen'),
      von: vor(365),
      bis: tag(jetzt),
    });
    for (const county of DEMO_TENANTS) {
      expect(monate.filter((m) => m.tenantId === county).length).toBeGreaterThanOrEqual(12 * 4);
      const eigene = zeiten.filter((z) => z.tenantId === county);
      expect(eigene.reduce((s, z) => s + z.beschieden, 0)).toBeGreaterThan(500);
      expect(eigene.reduce((s, z) => s + z.offen, 0)).toBeGreaterThan(10);
    }
    const wohngeld = zeiten.find((z) => z.tenantId === 'wartburgkreis' && z.leistungId === 'wohngeld')!;
    expect(wohngeld.medianTage).toBeGreaterThan(20);
    expect(wohngeld.p90Tage).toBeGreaterThan(wohngeld.medianTage!);
    expect(wohngeld.p90Tage).toBeLessThan(76);
  });

  it('makes the status grid green where deliveries went through and red where the receiver fails', async () => {
    const zustand = await t.services.steuerung.anbindungen.zustand({
      principal: principal('nordhausen'),
      jetzt,
    });
    const cell = (c: string, tenant: string) =>
      zustand.find((z) => z.connectorId === c && z.tenantId === tenant)!;
    const rot = cell(GESTOERT.connector, GESTOERT.tenant);
    expect(rot.tot).toBeGreaterThan(0);
    expect(rot.fehlerhaft).toBe(1);
    expect(JSON.stringify(rot)).toContain('rot');
    const gruen = cell('wohngeld-fachverfahren', 'wartburgkreis');
    expect(gruen.tot).toBe(0);
    expect(gruen.zugestellt7d).toBeGreaterThan(0);
    expect(gruen.p95Ms).toBeGreaterThan(100);
    expect(JSON.stringify(gruen)).toContain('gruen');
  });

  it('records population figures, cost pools and a key, each flagged as sample data', async () => {
    const einwohner = await t.superuser.query(`select * from steuerung_einwohner`);
    expect(einwohner.rows).toHaveLength(4);
    expect(einwohner.rows.every((r) => r.beispieldaten && r.quelle.includes('Beispieldaten'))).toBe(true);
    const pools = await t.superuser.query(`select * from steuerung_kostenpool order by jahr`);
    expect(pools.rows[0]).toMatchObject({ jahr: 2020, betrag_cent: '24000000', beispieldaten: true });
    expect(pools.rows.at(-1)!.jahr).toBe(jetzt.getUTCFullYear());
    const split = await t.services.steuerung.kosten.yearSplit({
      principal: principal('nordhausen'),
      jahr: jetzt.getUTCFullYear(),
    });
    expect(split.anteile.map((a) => a.id).sort()).toEqual([...DEMO_TENANTS].sort());
    expect(split.anteile.reduce((s, a) => s + a.cent, 0n)).toBe(BigInt(pools.rows.at(-1)!.betrag_cent));
    const hinweise = await t.superuser.query(`select bereich from steuerung_beispieldaten order by bereich`);
    expect(hinweise.rows.map((r) => r.bereich)).toEqual([
      'antraege',
      'einwohner',
      'fachverfahren',
      'kosten',
      'zustellungen',
    ]);
  });

  it('lets every county reuse what others built, so the Nachnutzungsgrad is neither zero nor full', async () => {
    const { rows } = await t.superuser.query<{ n: string }>(
      `select count(distinct tenant_id) as n from antraege where created_at > now() - interval '90 days'`,
    );
    expect(Number(rows[0]!.n)).toBe(4);
    const { prozent } = await t.services.steuerung.nachnutzung.matrix({ principal: principal('nordhausen') });
    console.log(`Nachnutzungsgrad der Demo: ${prozent} %`);
    expect(prozent).toBeGreaterThan(10);
    expect(prozent).toBeLessThan(100);
  });
});
