import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { drainJobs } from '../../../../test/support/jobs.ts';
import { seedDemoRecords } from '../../../demo/records.seed.ts';
import { rankClasses, termsOf } from './ablagevorschlag.models.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  // The demo corpus of one county (generated administrative documents over the whole Aktenplan),
  // with its text extracted as the worker does it.
  await seedDemoRecords({
    database: t.services.database,
    blobs: t.services.blobs,
    perCounty: 250,
    tenants: ['nordhausen'],
  });
  await drainJobs(t, { rounds: 200 });
});
afterAll(() => t?.close());

describe('filing suggestions learned from the county’s own documents', () => {
  it('suggest the Aktenplan unit of a county’s own documents from their text, above the threshold', {
    timeout: 120_000,
  }, async () => {
    const learned = await t.services.ablagevorschlaege.learn('nordhausen');
    expect(learned).toBeGreaterThanOrEqual(250);
    // Learning again finds nothing new (incremental: only what was filed since).
    expect(await t.services.ablagevorschlaege.learn('nordhausen')).toBe(0);
    const { rows } = await t.superuser.query(
      `select d.titel, d.unit_id, d.art, dv.text from dokumente d join dokument_versionen dv
       on dv.dokument_id = d.id and dv.tenant_id = d.tenant_id and dv.version = d.aktuelle_version
       where d.tenant_id = 'nordhausen' and dv.text is not null order by d.id limit 50`,
    );
    let top1 = 0;
    for (const r of rows) {
      const s = await t.services.ablagevorschlaege.suggest({
        tenantId: 'nordhausen',
        text: `${r.titel} ${r.text}`,
      });
      if (s.kandidaten.einheit[0]?.klasse === r.unit_id) top1 += 1;
      if (s.einheit) expect(s.einheit.konfidenz).toBeGreaterThanOrEqual(0.5);
    }
    // 50 documents (was 20: with random ids a sample of 20 hit exactly 0.7 now and then); the held-out
    // figure of bench:ablage is lower (README), this checks that learning works at all, not its quality.
    expect(rows.length).toBe(50);
    expect(top1 / rows.length).toBeGreaterThanOrEqual(0.6);
  });

  it('a county’s model never sees another county’s documents', async () => {
    const before = await t.superuser.query(
      `select count(*)::int as n from ablage_terme where tenant_id = 'wartburgkreis'`,
    );
    expect(before.rows[0].n).toBe(0);
    const units = await t.superuser.query(`select id from aktenplan_units where tenant_id = 'nordhausen'`);
    const s = await t.services.ablagevorschlaege.suggest({
      tenantId: 'wartburgkreis',
      text: 'Antrag auf Wohngeld Bescheid',
    });
    expect(s.einheit).toBeNull();
    expect(s.kandidaten.einheit.filter((k) => units.rows.some((u) => u.id === k.klasse))).toEqual([]);
  });

  it('answers over the API with unit, Vorgang and kind, or null below the threshold', async () => {
    const token = await t.tokenFor('nordhausen', ['sachbearbeitung']);
    const res = await t.request('/api/v1/ablagevorschlaege', { token, json: { text: 'xyz qwv' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ kandidaten: { einheit: expect.any(Array) } });
    expect((await t.request('/api/v1/ablagevorschlaege', { token, json: {} })).status).toBe(400);
  });
});

describe('naive Bayes', () => {
  it('ranks the class whose documents share the terms first, with probabilities summing to one', () => {
    const ranked = rankClasses({
      classes: [
        { klasse: 'bau', dokumente: 10, terme: 100 },
        { klasse: 'sozial', dokumente: 10, terme: 100 },
      ],
      counts: new Map([
        ['bau', new Map([['baugenehmigung', 9]])],
        ['sozial', new Map([['wohngeld', 9]])],
      ]),
      terms: termsOf('Antrag auf Baugenehmigung'),
      vocabulary: 50,
    });
    expect(ranked[0]!.klasse).toBe('bau');
    expect(ranked.reduce((s, r) => s + r.konfidenz, 0)).toBeCloseTo(1, 6);
  });
});
