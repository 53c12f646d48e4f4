import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/support/context.ts';
import { drainJobs } from '../../../test/support/jobs.ts';
import { openRecordsContext, recordsHelpers } from '../records/records.fixture.ts';
import { COUNT_LIMIT } from './search.models.ts';
import { searchVectors } from './search.module.ts';
import { PHRASE_CHECKS } from './search.plan.models.ts';
import { searchStages } from './search.stages.ts';

let t: TestContext;
let admin: string;
const { upload, newVorgang } = recordsHelpers(() => t);

beforeAll(async () => ({ t, admin } = await openRecordsContext()));
afterAll(() => t.close());

type FacetValue = { wert: string; titel: string; anzahl: number };
const counts = (values: FacetValue[]) => Object.fromEntries(values.map((v) => [v.wert, v.anzahl]));
const search = async (query: string, token = admin) => {
  const response = await t.request(`/api/v1/suche?${query}`, { token });
  expect(response.status).toBe(200);
  return response.json;
};

describe('facets beside the search hits', () => {
  let akteA: string;
  beforeAll(async () => {
    // Five documents with the word "Facettenprobe": four in 00.20 (a new Vorgang), one in 02.20
    // (a Vorgang beschieden); one of the four is vertraulich. One document without the word.
    const a = await newVorgang(admin, 'Facetten A', '00.20');
    const b = await newVorgang(admin, 'Facetten B', '02.20');
    akteA = a.akteId;
    await t.superuser.query(`update vorgaenge set status = 'beschieden' where id = $1`, [b.vorgangId]);
    const up = async (vorgangId: string, name: string, text: string, fields: Record<string, string>) =>
      expect((await upload(admin, vorgangId, text, name, fields)).status).toBe(201);
    await up(a.vorgangId, 'a1.txt', 'Facettenprobe eins', { art: 'eingang', datum: '2024-03-01' });
    await up(a.vorgangId, 'a2.txt', 'Facettenprobe zwei', { art: 'eingang', datum: '2025-03-01' });
    await up(a.vorgangId, 'a3.txt', 'Facettenprobe drei', { art: 'intern', datum: '2025-06-01' });
    await up(a.vorgangId, 'a4.txt', 'Facettenprobe geheim', {
      art: 'intern',
      datum: '2025-07-01',
      vertraulichkeit: 'vertraulich',
    });
    await up(b.vorgangId, 'b1.txt', 'Facettenprobe fünf', { art: 'ausgang', datum: '2023-01-15' });
    await up(b.vorgangId, 'b2.txt', 'Etwas ganz anderes', { art: 'ausgang', datum: '2023-01-15' });
    await drainJobs(t);
  });

  it(`counts the matches by Aktenplan unit, kind, year and Vorgang status, exactly below ${COUNT_LIMIT}`, async () => {
    const result = await search('q=Facettenprobe');
    expect(result.total).toBe(5);
    const { facetten } = result;
    expect(facetten.vollstaendig).toBe(true);
    expect(facetten.aktenplan).toEqual([
      { wert: '00.20', titel: expect.any(String), anzahl: 4 },
      { wert: '02.20', titel: expect.any(String), anzahl: 1 },
    ]);
    expect(counts(facetten.art)).toEqual({ eingang: 2, intern: 2, ausgang: 1 });
    expect(facetten.art.find((v: FacetValue) => v.wert === 'eingang').titel).toBe('Eingang');
    // Years newest first.
    expect(facetten.jahr.map((v: FacetValue) => [v.wert, v.anzahl])).toEqual([
      ['2025', 3],
      ['2024', 1],
      ['2023', 1],
    ]);
    expect(counts(facetten.vorgangStatus)).toEqual({ neu: 4, beschieden: 1 });
  });

  it('counts only what the filters leave', async () => {
    const { facetten, total } = await search('q=Facettenprobe&aktenplan=00.20&art=intern');
    expect(total).toBe(2);
    expect(counts(facetten.aktenplan)).toEqual({ '00.20': 2 });
    expect(counts(facetten.jahr)).toEqual({ '2025': 2 });
    expect(counts(facetten.vorgangStatus)).toEqual({ neu: 2 });
  });

  it('a case worker without clearance for vertraulich sees counts of the documents they may see only', async () => {
    const clerk = await t.tokenFor('nordhausen', ['sachbearbeitung']);
    const { facetten, total } = await search('q=Facettenprobe', clerk);
    expect(total).toBe(4);
    expect(counts(facetten.aktenplan)).toEqual({ '00.20': 3, '02.20': 1 });
    expect(counts(facetten.art)).toEqual({ eingang: 2, intern: 1, ausgang: 1 });
    expect(counts(facetten.jahr)).toEqual({ '2025': 2, '2024': 1, '2023': 1 });
    // Another county sees neither the documents nor their counts.
    const other = await search('q=Facettenprobe', await t.tokenFor('kyffhaeuserkreis'));
    expect(other.total).toBe(0);
    expect(other.facetten.aktenplan).toEqual([]);
  });

  it('the listing of the newest documents (no words) has facets too', async () => {
    const { facetten, total, items } = await search(`akteId=${akteA}`);
    expect(total).toBe(4);
    expect(items.map((i: { datum: string }) => i.datum)).toEqual([
      '2025-07-01',
      '2025-06-01',
      '2025-03-01',
      '2024-03-01',
    ]);
    expect(counts(facetten.art)).toEqual({ eingang: 2, intern: 2 });
  });

  it('the search page shows the facets as links that add the filter', async () => {
    const page = await t.request('/suche?q=Facettenprobe', { token: admin });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<aside class="vb-facets" aria-labelledby="facetten">');
    expect(page.text).toMatch(/<h3[^>]*>Aktenplaneinheit<\/h3>/);
    const link = /href="(\/suche\?q=Facettenprobe&amp;aktenplan=02\.20)"/.exec(page.text);
    expect(link).not.toBeNull();
    const filtered = await t.request(link![1]!.replaceAll('&amp;', '&'), { token: admin });
    expect(filtered.text).toContain('1 Treffer');
    // The active filter is marked and can be removed again.
    expect(filtered.text).toMatch(/aria-current="true">02\.20 [^<]+ \(1\)/);
    expect(filtered.text).toContain('href="/suche?q=Facettenprobe">Filter „Aktenplaneinheit“ aufheben');
    const year = await t.request('/suche?q=Facettenprobe', { token: admin });
    expect(year.text).toContain('href="/suche?q=Facettenprobe&amp;von=2023-01-01&amp;bis=2023-12-31"');
  });

  it(`above ${COUNT_LIMIT} matches the facets are lower bounds counted over the first ${COUNT_LIMIT} ("mind.")`, async () => {
    const { vorgangId, akteId } = await newVorgang(admin, 'Massenakte Facetten', '00.20');
    await t.superuser.query(
      `insert into dokumente (tenant_id, vorgang_id, akte_id, unit_id, titel, art, datum, created_by)
       select 'nordhausen', $1, $2, a.unit_id, 'Massenbrief ' || n, 'eingang', date '2024-01-01' + (n % 300), 'test'
       from generate_series(1, $3::int) n, akten a where a.id = $2`,
      [vorgangId, akteId, COUNT_LIMIT + 50],
    );
    await t.superuser.query(
      `insert into dokument_versionen (tenant_id, dokument_id, version, sha256, groesse, mime, dateiname, created_by)
       select tenant_id, id, 1, repeat('a', 64), 0, 'text/plain', 'x.txt', 'test' from dokumente where akte_id = $1`,
      [akteId],
    );
    const { facetten, total, totalRelation } = await search(`akteId=${akteId}`);
    expect({ total, totalRelation }).toEqual({ total: COUNT_LIMIT, totalRelation: 'gte' });
    expect(facetten.vollstaendig).toBe(false);
    const eingang = counts(facetten.art).eingang;
    expect(eingang).toBeGreaterThanOrEqual(COUNT_LIMIT);
    expect(eingang).toBeLessThanOrEqual(COUNT_LIMIT + 50);
    const page = await t.request('/suche?aktenplan=00.20&art=eingang', { token: admin });
    expect(page.text).toContain('Mehr als 1.000 Treffer');
    expect(page.text).toContain('gezählt über die ersten 1.000, die Zahlen sind Mindestwerte');
    expect(page.text).toMatch(/aria-current="true">Eingang \(mind\. 1\.0[0-4]\d\)/);
  });

  it('filters by Vorgang status, facets included', async () => {
    const { facetten, total } = await search('q=Facettenprobe&vorgangStatus=beschieden');
    expect(total).toBe(1);
    expect(counts(facetten.aktenplan)).toEqual({ '02.20': 1 });
    // Under the filter the status facet is the filter's status with every match (not looked up).
    expect(facetten.vorgangStatus).toEqual([{ wert: 'beschieden', titel: 'beschieden', anzahl: 1 }]);
    // The listing under the filter: the same facet, over the newest documents of such Vorgänge.
    const listing = await search('vorgangStatus=beschieden');
    expect(listing.items.map((i: { titel: string }) => i.titel).sort()).toEqual(['b1', 'b2']);
    expect(listing.facetten.vorgangStatus).toEqual([{ wert: 'beschieden', titel: 'beschieden', anzahl: 2 }]);
    expect(counts(listing.facetten.art)).toEqual({ ausgang: 2 });
    // A status no Vorgang has: no hits, no facets.
    const none = await search('vorgangStatus=abgeschlossen');
    expect({ total: none.total, status: none.facetten.vorgangStatus }).toEqual({ total: 0, status: [] });
  });

  it('reads a listing’s page beside its count when a connection is free, and itself when none is: the same answer', async () => {
    const stages = new Set<string>();
    searchStages.record = (stage) => stages.add(stage);
    const { database } = t.services;
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holders: Array<Promise<unknown>> = [];
    try {
      const query = 'vorgangStatus=beschieden&limit=1';
      const beside = await search(query);
      expect(stages.has('beside')).toBe(true);
      expect(beside.items).toHaveLength(1);
      // Every connection beside taken: the page is read in the request's own transaction.
      for (let taken = database.withTenantBeside('nordhausen', () => held); taken; ) {
        holders.push(taken);
        taken = database.withTenantBeside('nordhausen', () => held);
      }
      stages.clear();
      const alone = await search(query);
      expect([...stages].sort()).toEqual(['details', 'filter', 'snippets', 'statement']);
      expect(alone).toEqual(beside);
      const second = await search(`${query}&offset=1`);
      expect(second.total).toBe(2);
      expect(second.items.map((i: { titel: string }) => i.titel)).not.toEqual(
        beside.items.map((i: { titel: string }) => i.titel),
      );
    } finally {
      searchStages.record = undefined;
      release();
      await Promise.all(holders);
    }
  });

  it(`checks a phrase on at most ${PHRASE_CHECKS} documents with all its words; beyond that its total is a lower bound`, async () => {
    /** Documents with the phrase and without it (`counts`) in a new Akte in a new Akte, vectors by the application's analyzer. */
    const bulk = async (titel: string, text: [string, string], counts: [number, number]) => {
      const { vorgangId, akteId } = await newVorgang(admin, titel, '00.20');
      const v = searchVectors({ titel, meta: '', content: text[0] });
      const w = searchVectors({ titel, meta: '', content: text[1] });
      // The documents with the phrase first: the GIN bitmap visits the table in its order.
      for (const [i, vectors] of [v, w].entries())
        await t.superuser.query(
          `insert into dokumente (tenant_id, vorgang_id, akte_id, unit_id, titel, created_by, search, search_head)
           select 'nordhausen', $1, $2, a.unit_id, $3 || ' ' || n, 'test', $4::tsvector, $5::tsvector
           from generate_series(1, $6::int) n, akten a where a.id = $2`,
          [vorgangId, akteId, titel, vectors.search, vectors.head, counts[i]],
        );
      return akteId;
    };
    const texts: [string, string] = [
      'Der Wasserzähler im Kellerraum wurde geprüft.',
      'Kellerraum ohne Zähler; der Wasserzähler hängt im Flur.',
    ];
    const phrase = encodeURIComponent('"Wasserzähler im Kellerraum"');
    const few = await bulk('Phrasenakte klein', texts, [3, 100]);
    expect(await search(`q=${phrase}&akteId=${few}`)).toMatchObject({ total: 3, totalRelation: 'eq' });
    const many = await bulk('Phrasenakte groß', texts, [3, PHRASE_CHECKS + 100]);
    const result = await search(`q=${phrase}&akteId=${many}`);
    expect(result).toMatchObject({ total: 3, totalRelation: 'gte' });
    expect(result.facetten.vollstaendig).toBe(false);
    expect(result.items).toHaveLength(3);
  });

  it('the listing with an Aktenplan filter merges the newest documents of each unit in date order', async () => {
    // Migration 0082: the newest of each unit of the filter ("00" and its sub-units), merged. The
    // page, the order (date, then id), the total and the facets must be those of all documents of
    // the units, whatever the units' share of the county.
    const x = await newVorgang(admin, 'Einheiten X', '00.20');
    const y = await newVorgang(admin, 'Einheiten Y', '00.30');
    const dates = ['2031-01-05', '2031-01-04', '2031-01-03', '2031-01-02', '2031-01-01'];
    for (const [i, datum] of dates.entries())
      expect(
        (
          await upload(admin, i % 2 === 0 ? x.vorgangId : y.vorgangId, `Einheitenprobe ${i}`, `e${i}.txt`, {
            datum,
          })
        ).status,
      ).toBe(201);
    const expected = await t.superuser.query(
      `select d.id from dokumente d join aktenplan_units u on u.id = d.unit_id
       where d.tenant_id = 'nordhausen' and (u.kennzeichen = '00' or u.kennzeichen like '00.%')
       order by d.datum desc, d.id`,
    );
    const ids = expected.rows.map((r: { id: string }) => r.id);
    const page1 = await search('aktenplan=00&limit=3');
    const page2 = await search('aktenplan=00&limit=3&offset=3');
    expect([...page1.items, ...page2.items].map((i: { dokumentId: string }) => i.dokumentId)).toEqual(
      ids.slice(0, 6),
    );
    expect(page1.items.slice(0, 3).map((i: { datum: string }) => i.datum)).toEqual(dates.slice(0, 3));
    expect(page1.total).toBe(Math.min(ids.length, COUNT_LIMIT));
    const byUnit = counts(page1.facetten.aktenplan);
    expect(byUnit['00.20']).toBeGreaterThanOrEqual(3);
    expect(byUnit['00.30']).toBeGreaterThanOrEqual(2);
    expect(Object.keys(byUnit).every((k) => k === '00' || k.startsWith('00.'))).toBe(true);
  });
});
