import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context.ts';
import { MISSION_DOCUMENT, seedDemoRecords } from './records.seed.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  const result = await seedDemoRecords({
    database: t.services.database,
    blobs: t.services.blobs,
    perCounty: 40,
  });
  expect(result.documents).toBe(160);
  const worker = t.services.createWorker();
  while ((await worker.runOnce()) > 0);
});
afterAll(() => t.close());

describe('demo E-Akte', () => {
  it('ships the source document unchanged', async () => {
    const shipped = await readFile(MISSION_DOCUMENT, 'utf8');
    const source = await readFile(
      new URL('../../../shared/mission/KT-103-2020_Beschlussvorlage.md', import.meta.url),
      'utf8',
    );
    expect(shipped).toBe(source);
  });

  it('the Unstrut-Hainich-Kreis finds the source document by KT/103/2020 and by "Zweckvereinbarungen"', async () => {
    const token = await t.tokenFor('unstrut-hainich-kreis', ['lesen']);
    const mission = {
      titel: 'Beschlussvorlage KT/103/2020 – 1. Änderung der Zweckvereinbarung',
      aktenzeichen: expect.stringMatching(/^00\.20-0001\/\d{4}$/),
      snippet: expect.stringContaining('<mark>'),
    };
    // By its Drucksachen-Nr. it is the first hit; by a word (stemmed: Zweckvereinbarungen →
    // Zweckvereinbarung) it is among the first, next to generated papers about the same subject.
    const byNumber = await t.request('/api/v1/suche?q=KT/103/2020', { token });
    expect(byNumber.json.items[0]).toMatchObject(mission);
    const byWord = await t.request('/api/v1/suche?q=Zweckvereinbarungen', { token });
    expect(byWord.json.items.slice(0, 5)).toEqual(expect.arrayContaining([expect.objectContaining(mission)]));
    const akte = await t.request('/api/v1/akten?aktenplan=00.20', { token });
    expect(akte.json.items.map((a: { titel: string }) => a.titel)).toContain(
      'Zweckvereinbarung Interkommunales Serviceteam E-Government',
    );
    // Another county does not see it.
    const other = await t.request('/api/v1/suche?q=KT/103/2020', {
      token: await t.tokenFor('nordhausen', ['leitung']),
    });
    expect(other.json.items.map((i: { titel: string }) => i.titel)).not.toContain(
      'Beschlussvorlage KT/103/2020 – 1. Änderung der Zweckvereinbarung',
    );
  });

  it('generates realistic, searchable documents in every county, spread over the Aktenplan', async () => {
    for (const tenant of ['nordhausen', 'kyffhaeuserkreis', 'unstrut-hainich-kreis', 'wartburgkreis']) {
      const token = await t.tokenFor(tenant, ['leitung']);
      const akten = await t.request('/api/v1/akten?limit=200', { token });
      const units = new Set(
        akten.json.items.map((a: { aktenplan: { kennzeichen: string } }) => a.aktenplan.kennzeichen),
      );
      expect(units.size).toBeGreaterThan(4);
      const hits = await t.request('/api/v1/suche?q=Antrag', { token });
      expect(hits.json.total).toBeGreaterThan(0);
    }
    const failed = await t.superuser.query(
      `select count(*)::int as n from dokumente where text_status <> 'done'`,
    );
    expect(failed.rows[0].n).toBe(0);
  });

  it('is idempotent', async () => {
    expect(
      (await seedDemoRecords({ database: t.services.database, blobs: t.services.blobs, perCounty: 5 }))
        .documents,
    ).toBe(0);
  });
});
