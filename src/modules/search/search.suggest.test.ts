import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/support/context.ts';
import { drainJobs } from '../../../test/support/jobs.ts';
import { openRecordsContext, recordsHelpers } from '../records/records.fixture.ts';
import { parseSearchQuery } from './search.query.ts';
import {
  correctableWords,
  correctedQuery,
  editDistance,
  rankCandidates,
  spelling,
} from './search.suggest.ts';

let t: TestContext;
let admin: string;
let clerk: string;
const { upload, newVorgang } = recordsHelpers(() => t);

const search = async (q: string, token = admin, extra = '') => {
  const response = await t.request(`/api/v1/suche?q=${encodeURIComponent(q)}${extra}`, { token });
  expect(response.status).toBe(200);
  return response.json;
};

beforeAll(async () => {
  ({ t, admin } = await openRecordsContext());
  clerk = await t.tokenFor('nordhausen', ['sachbearbeitung']);
  const { vorgangId } = await newVorgang(admin, 'Rechtsbehelfe', '00.20');
  const file = async (text: string, name: string, fields: Record<string, string> = {}) =>
    expect((await upload(admin, vorgangId, text, name, fields)).status).toBe(201);
  await file(
    'Gegen den Gebührenbescheid vom 3. März wird Widerspruch eingelegt. Der Widerspruch wird fristgerecht begründet.',
    'einspruch.txt',
  );
  await file(
    'Beschlussvorlage: 1. Änderung der Zweckvereinbarung zur Gründung eines interkommunalen Serviceteams.',
    'vorlage.txt',
  );
  // A word that only a confidential document contains: a clerk (no clearance) may not see it.
  await file(
    'Personalsache: Disziplinarverfahren gegen einen Beschäftigten der Straßenmeisterei.',
    'personal.txt',
    {
      vertraulichkeit: 'vertraulich',
    },
  );
  await drainJobs(t);
});
afterAll(() => t.close());

describe('Meinten Sie …? from the county’s own vocabulary', () => {
  it('"Wiederspruch" finds nothing and suggests Widerspruch, which finds the objection', async () => {
    const result = await search('Wiederspruch');
    expect(result.total).toBe(0);
    expect(result.vorschlag).toEqual({ q: 'Widerspruch', treffer: 1 });
    const corrected = await search(result.vorschlag.q);
    expect(corrected.total).toBe(1);
    expect(corrected.items[0].titel).toBe('einspruch');
  });

  it('an inflected typo "Wiedersprüche" also leads to Widerspruch', async () => {
    const result = await search('Wiedersprüche');
    expect(result.total).toBe(0);
    expect(result.vorschlag).toEqual({ q: 'Widerspruch', treffer: 1 });
  });

  it('"Zweckvereinbahrung" suggests Zweckvereinbarung', async () => {
    const result = await search('Zweckvereinbahrung');
    expect(result.total).toBe(0);
    expect(result.vorschlag).toEqual({ q: 'Zweckvereinbarung', treffer: 1 });
  });

  it('replaces only the misspelled word and keeps the rest of the query as typed', async () => {
    const result = await search('Wiederspruch Gebührenbescheid');
    expect(result.total).toBe(0);
    expect(result.vorschlag).toEqual({ q: 'Widerspruch Gebührenbescheid', treffer: 1 });
  });

  it('suggests nothing when every word exists (they are only never together) or the query has hits', async () => {
    const apart = await search('Widerspruch Zweckvereinbarung');
    expect(apart.total).toBe(0);
    expect(apart.vorschlag).toBeUndefined();
    const hits = await search('Widerspruch');
    expect(hits.total).toBe(1);
    expect(hits.vorschlag).toBeUndefined();
    // A typo whose correction finds nothing with the chosen filters is not offered either.
    const filtered = await search('Wiederspruch', admin, '&art=ausgang');
    expect(filtered.total).toBe(0);
    expect(filtered.vorschlag).toBeUndefined();
  });

  it('never suggests a word that only documents the person may not see contain', async () => {
    // Leitung sees the confidential document: the typo is corrected for them …
    const lead = await search('Disziplinarverfaren');
    expect(lead.vorschlag).toEqual({ q: 'Disziplinarverfahren', treffer: 1 });
    // … while the clerk gets no hint that the word exists.
    const own = await search('Disziplinarverfaren', clerk);
    expect(own.total).toBe(0);
    expect(own.vorschlag).toBeUndefined();
    expect((await search('Disziplinarverfahren', clerk)).total).toBe(0);
  });

  it('the vocabulary holds the words of the county’s documents, without numbers and compound parts', async () => {
    const { rows } = await t.superuser.query<{ schluessel: string; gefaltet: string }>(
      `select schluessel, gefaltet from search_vocabulary where tenant_id = 'nordhausen'`,
    );
    const keys = new Map(rows.map((r) => [r.schluessel, r.gefaltet]));
    expect(keys.get('widerspruch')).toBe('widerspruch');
    expect(keys.get('gebührenbescheid')).toBe('gebuehrenbescheid');
    expect(keys.get('beschäftigte')).toBe('beschaeftigte');
    expect([...keys.keys()].filter((k) => /^_|\d|[^\p{L}]/u.test(k))).toEqual([]);
    expect([...keys.keys()].filter((k) => k.length < 3 || k.length > 40)).toEqual([]);
  });

  it('the OpenAPI document describes the suggestion', async () => {
    const spec = (await t.request('/api/v1/openapi.json')).json;
    expect(spec.components.schemas.Suchvorschlag).toMatchObject({
      type: 'object',
      properties: { q: { type: 'string' }, treffer: { type: 'integer' } },
    });
  });

  it('the search page offers the corrected query as a link, with the filters kept', async () => {
    const page = await t.request('/suche?q=Wiederspruch&aktenplan=00.20', { token: admin });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Keine Treffer');
    expect(page.text).toMatch(
      /Meinten Sie:\s*<a class="kern-link" href="\/suche\?q=Widerspruch&amp;aktenplan=00\.20">Widerspruch<\/a>\?/,
    );
    const clerkPage = await t.request('/suche?q=Disziplinarverfaren', { token: clerk });
    expect(clerkPage.text).not.toContain('Meinten Sie');
    expect(clerkPage.text).not.toContain('Disziplinarverfahren');
  });
});

describe('which words are corrected, and how the query is rewritten', () => {
  it('corrects plain words, not phrases, prefixes, excluded words, reference numbers or numbers', () => {
    const terms = parseSearchQuery(
      'Wiederspruch "Zweckvereinbahrung der Stadt" Gebühr* -Antrg KT/103/2020 2026 Amt',
    );
    expect(correctableWords(terms)).toEqual(['Wiederspruch']);
  });

  it('replaces the word where it stands and leaves punctuation, phrases and negations alone', () => {
    const corrections = new Map([['Wiederspruch', 'Widerspruch']]);
    expect(correctedQuery('(Wiederspruch), "Wiederspruch" -Wiederspruch Wiederspruch*', corrections)).toBe(
      '(Widerspruch), "Wiederspruch" -Wiederspruch Wiederspruch*',
    );
  });

  it('shows a key as the word stands in the document: the lemma, or the form the file has', () => {
    expect(spelling('widerspruch', 'Der Widerspruch wird begründet.')).toBe('Widerspruch');
    expect(spelling('widerspruch', 'Die Widersprüche werden begründet.')).toBe('Widersprüche');
    expect(spelling('zweckvereinbarung', 'Titel ohne das Wort')).toBe('Zweckvereinbarung');
    // The lemma wins over a form before it; the key as written (lower case) over the lemma.
    expect(spelling('widerspruch', 'Widersprüche und der Widerspruch')).toBe('Widerspruch');
    expect(spelling('zahlen', 'Zahlen Sie bitte, was wir zahlen')).toBe('zahlen');
    expect(spelling('zahlen', 'Zahlen Sie bitte die Zahl')).toBe('Zahlen');
  });

  it('counts edits: insertions, deletions, substitutions and swapped neighbours', () => {
    expect(editDistance('wiederspruch', 'widerspruch')).toBe(1);
    expect(editDistance('zweckvereinbahrung', 'zweckvereinbarung')).toBe(1);
    expect(editDistance('sitznug', 'sitzung')).toBe(1);
    expect(editDistance('antrag', 'antrag')).toBe(0);
    expect(editDistance('photovoltaik', 'photographie')).toBe(6);
  });

  it('tries the candidates with the fewest edits first, also for an inflected typo, and none too far', () => {
    const key = (schluessel: string, aehnlichkeit: number) => ({
      schluessel,
      gefaltet: schluessel.replace('ü', 'ue'),
      aehnlichkeit,
    });
    const candidates = [key('wiederholung', 0.5), key('widerspruch', 0.45)];
    const ranked = (word: string) => rankCandidates(word, candidates).map((c) => c.schluessel);
    expect(ranked('Wiederspruch')).toEqual(['widerspruch']);
    expect(ranked('Wiedersprüche')).toEqual(['widerspruch']);
    expect(ranked('Wiederholug')).toEqual(['wiederholung']);
    expect(rankCandidates('Photovoltaik', [key('photographie', 0.4)])).toEqual([]);
  });
});
