import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DEMO_TENANTS, type TestContext } from '../../test/support/context.ts';
import { seedDemoGremien } from './gremien.seed.ts';

let t: TestContext;
let seconds = 0;
beforeAll(async () => {
  t = await createTestContext();
  const started = performance.now();
  const result = await seedDemoGremien({ gremien: t.services.gremien, aenderungen: t.services.aenderungen });
  seconds = (performance.now() - started) / 1000;
  expect(result.seeded).toBe(true);
}, 120_000);
afterAll(() => t.close());

const get = async (county: string, path: string) =>
  (await t.request(`/api/v1${path}`, { token: await t.tokenFor(county) })).json;

describe('the council demo data', () => {
  it('gives each county a Kreistag and two committees with members in two Wahlperioden and a year of sessions', async () => {
    console.log(`seedDemoGremien: ${seconds.toFixed(1)} s`);
    for (const county of DEMO_TENANTS) {
      const gremien = await get(county, '/gremien');
      expect(gremien.items.map((g: { art: string }) => g.art).sort()).toEqual([
        'ausschuss',
        'kreisausschuss',
        'kreistag',
      ]);
      expect((await get(county, '/wahlperioden')).items).toHaveLength(2);
      const sitzungen = await get(county, '/sitzungen?von=2020-01-01&bis=2020-12-31&limit=100');
      expect(sitzungen.total).toBe(8);
      expect(sitzungen.items.every((s: { status: string }) => s.status === 'durchgefuehrt')).toBe(true);
      const beschluesse = await get(county, '/beschluesse?limit=100');
      expect(beschluesse.total).toBe(8);
      const kt = gremien.items.find((g: { art: string }) => g.art === 'kreistag');
      const members = await get(county, `/gremien/${kt.id}/mitglieder?stichtag=2020-06-01`);
      expect(members.items).toHaveLength(12);
      expect(members.items[0].person.familienname).toContain('(Beispieldaten)');
    }
  });

  it('holds the source document as Vorlage KT/103/2020 of the Kreistag Unstrut-Hainich-Kreis on 24.06.2020', async () => {
    const vorlagen = await get('unstrut-hainich-kreis', '/vorlagen?limit=100');
    const kt103 = vorlagen.items.find((v: { drucksachenNr: string }) => v.drucksachenNr === 'KT/103/2020');
    expect(kt103.betreff).toContain(
      '1. Änderung der Zweckvereinbarung zur Gründung eines interkommunalen Serviceteams',
    );
    expect(kt103.beschlussvorschlag).toContain(
      'durch die Aufnahme des Wartburgkreises von drei auf vier Landkreise erweitert',
    );
    expect(kt103.begruendung).toContain('rund 143.000 €');
    expect(kt103.einreichung).toBe('2020-05-27');
    expect(kt103.beratungsfolge[0]).toMatchObject({ kuerzel: 'KT', datum: '2020-06-24' });
    expect(kt103.status).toBe('veroeffentlicht');
  });

  it('shows the 1. Änderung as a completed process: every Kreistag resolved, approved, published, in force', async () => {
    const [a] = (await get('nordhausen', '/verbund/aenderungen')).items;
    expect(a).toMatchObject({
      nummer: 1,
      status: 'wirksam',
      beispieldaten: true,
      beitrittLandkreisId: 'wartburgkreis',
      wirksamAb: '2020-08-25',
    });
    expect(a.parteien).toHaveLength(4);
    const uhk = a.parteien.find((p: { landkreisId: string }) => p.landkreisId === 'unstrut-hainich-kreis');
    expect(uhk).toMatchObject({
      drucksachenNr: 'KT/103/2020',
      status: 'beschlossen',
      beschlossenAm: '2020-06-24',
      abweichendeFassung: false,
    });
    expect(
      a.parteien.every(
        (p: { status: string; unterzeichnet: unknown }) => p.status === 'beschlossen' && p.unterzeichnet,
      ),
    ).toBe(true);
    // The membership the demo Verbund had stays the one it was; the 1. Änderung is listed once.
    const verbund = await get('nordhausen', '/verbund');
    expect(verbund.amendments.filter((x: { number: number }) => x.number === 1)).toHaveLength(1);
    expect(verbund.members.find((m: { id: string }) => m.id === 'wartburgkreis').memberSince).toBe(
      '2020-06-24',
    );
  });

  it('seeds only once', async () => {
    expect(
      (await seedDemoGremien({ gremien: t.services.gremien, aenderungen: t.services.aenderungen })).seeded,
    ).toBe(false);
  });
});
