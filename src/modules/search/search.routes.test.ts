import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/support/context.ts';
import { drainJobs } from '../../../test/support/jobs.ts';
import { renderTextPdf } from '../records/dokumente/text-pdf.ts';
import { openRecordsContext, recordsHelpers } from '../records/records.fixture.ts';
import { ANALYZER_VERSION } from './analyzer/german-analyzer.ts';
import { searchVectors } from './analyzer/search-vectors.ts';
import { COUNT_LIMIT } from './search.models.ts';
import { searchTuning } from './search.plan.models.ts';

let t: TestContext;
let admin: string;
const { upload, newVorgang } = recordsHelpers(() => t);

beforeAll(async () => ({ t, admin } = await openRecordsContext()));
afterAll(() => t.close());

describe('text extraction and search', () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    const { vorgangId } = await newVorgang(admin, 'Suche', '00.20');
    const pdf = await renderTextPdf(
      'Beschlussvorlage',
      '1. Änderung der Zweckvereinbarung zur Gründung eines interkommunalen Serviceteams, Drucksachen-Nr. KT/103/2020. Die Straßenmeisterei Großenehrich prüft.',
    );
    const eml = [
      'From: Maria Schäfer <m.schaefer@example.org>',
      'To: poststelle@example.org',
      'Subject: Antrag auf Wohngeld',
      'Date: Tue, 24 Nov 2026 10:00:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Sehr geehrte Damen und Herren, anbei mein Wohngeldantrag mit Mietbescheinigung.',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Disposition: attachment; filename="Mietbescheinigung.txt"',
      '',
      'Mietbescheinigung: Kaltmiete 412,50 EUR, Vermieter Großmann.',
      '--b1--',
      '',
    ].join('\r\n');
    const up = async (bytes: Uint8Array | string, name: string, fields: Record<string, string> = {}) =>
      (await upload(admin, vorgangId, bytes, name, fields)).json.id as string;
    ids = {
      pdf: await up(pdf, 'vorlage.pdf', { art: 'intern', datum: '2020-05-27' }),
      eml: await up(eml, 'antrag.eml', { datum: '2026-11-24' }),
      broken: await up(Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog'), 'kaputt.pdf'),
      empty: await up(new Uint8Array(0), 'leer.pdf'),
      geheim: await up('Personalangelegenheit Großmann: vertrauliche Beurteilung', 'beurteilung.txt', {
        vertraulichkeit: 'vertraulich',
      }),
    };
    await drainJobs(t);
  });

  it('extracts text in background jobs and records failures with a reason', async () => {
    const get = async (id: string) => (await t.request(`/api/v1/dokumente/${id}`, { token: admin })).json;
    expect(await get(ids.pdf!)).toMatchObject({ textStatus: 'done', mime: 'application/pdf' });
    expect(await get(ids.eml!)).toMatchObject({ textStatus: 'done', mime: 'message/rfc822' });
    const broken = await get(ids.broken!);
    expect(broken.textStatus).toBe('failed');
    expect(broken.textFehler).toMatch(/PDF/);
    expect((await get(ids.empty!)).textStatus).toBe('failed');
    const text = await t.request(`/api/v1/dokumente/${ids.pdf}/text`, { token: admin });
    expect(text.json.text).toContain('Zweckvereinbarung');
  });

  it('files e-mail attachments as documents of their own', async () => {
    const eml = await t.request(`/api/v1/dokumente/${ids.eml}`, { token: admin });
    const list = await t.request(`/api/v1/vorgaenge/${eml.json.vorgangId}/dokumente`, { token: admin });
    const attachment = list.json.items.find(
      (d: { parentDokumentId: string | null }) => d.parentDokumentId === ids.eml,
    );
    expect(attachment).toMatchObject({ dateiname: 'Mietbescheinigung.txt', textStatus: 'done' });
  });

  const search = async (q: string, extra = '', token = admin) =>
    (await t.request(`/api/v1/suche?q=${encodeURIComponent(q)}${extra}`, { token })).json;

  /** Inserts `count` documents titled "<titel> n" with `text` as content into a new Vorgang, by SQL (faster than uploads). */
  const bulkDokumente = async (akte: string, titel: string, text: string, count: number) => {
    const { vorgangId, akteId } = await newVorgang(admin, akte);
    const vectors = searchVectors({ titel, meta: '', content: text });
    await t.superuser.query(
      `with v as (select unit_id from akten where id = $2)
       insert into dokumente (tenant_id, vorgang_id, akte_id, unit_id, titel, created_by, search, search_head, search_version)
       select 'nordhausen', $1, $2, v.unit_id, $3::text || ' ' || n, 'test', $5::tsvector, $6::tsvector, $7
       from generate_series(1, $4::int) n, v`,
      [vorgangId, akteId, titel, count, vectors.search, vectors.head, ANALYZER_VERSION],
    );
  };

  it('finds German words by stem, folds umlauts and ß both ways, and supports prefixes', async () => {
    for (const q of [
      'Zweckvereinbarungen',
      'aenderung',
      'ÄNDERUNG',
      'Strassenmeisterei',
      'Zweckverein*',
      'interkommunal',
    ])
      expect(
        (await search(q)).items.map((i: { dokumentId: string }) => i.dokumentId),
        q,
      ).toContain(ids.pdf);
    expect((await search('Grossmann')).items.map((i: { dokumentId: string }) => i.dokumentId)).toEqual(
      expect.arrayContaining([expect.any(String)]),
    );
    expect((await search('Zweckvereinbarung -Straßenmeisterei')).total).toBe(0);
    expect((await search('"Gründung eines interkommunalen"')).items[0].dokumentId).toBe(ids.pdf);
  });

  it('matches reference numbers exactly', async () => {
    const hits = await search('KT/103/2020');
    expect(hits.items.map((i: { dokumentId: string }) => i.dokumentId)).toEqual([ids.pdf]);
    expect((await search('KT/104/2020')).total).toBe(0);
  });

  it('returns highlighted, escaped snippets and honours filters', async () => {
    const hit = (await search('Wohngeld')).items.find(
      (i: { dokumentId: string }) => i.dokumentId === ids.eml,
    );
    expect(hit.snippet).toContain('<mark>Wohngeld');
    expect(hit.snippet).not.toMatch(/<(?!\/?mark>)/);
    expect((await search('Zweckvereinbarung', '&art=eingang')).total).toBe(0);
    expect((await search('Zweckvereinbarung', '&art=intern')).total).toBe(1);
    expect((await search('Zweckvereinbarung', '&von=2021-01-01')).total).toBe(0);
    expect((await search('Zweckvereinbarung', '&aktenplan=00.20')).total).toBe(1);
    expect((await search('Zweckvereinbarung', '&aktenplan=04')).total).toBe(0);
    expect((await t.request('/api/v1/suche?q=x&von=gestern', { token: admin })).status).toBe(400);
  });

  it('never returns what the user may not see: Vertraulichkeit by role', async () => {
    const reader = await t.tokenFor('nordhausen', ['lesen']);
    const clerk = await t.tokenFor('nordhausen', ['sachbearbeitung']);
    expect((await search('Beurteilung')).items.map((i: { dokumentId: string }) => i.dokumentId)).toContain(
      ids.geheim,
    );
    expect((await search('Beurteilung', '', clerk)).total).toBe(0);
    expect((await search('Beurteilung', '', reader)).total).toBe(0);
    expect((await t.request(`/api/v1/dokumente/${ids.geheim}`, { token: clerk })).status).toBe(404);
    expect((await t.request(`/api/v1/dokumente/${ids.geheim}/inhalt`, { token: reader })).status).toBe(404);
    // Other counties see nothing of it either.
    expect((await search('Zweckvereinbarung', '', await t.tokenFor('kyffhaeuserkreis'))).total).toBe(0);
  });

  it(`counts exactly up to ${COUNT_LIMIT} matches and reports more as "at least"`, async () => {
    await bulkDokumente('Massenakte', 'Massenbrief', 'Rundschreiben', COUNT_LIMIT + 50);
    await t.superuser.query(
      `insert into dokument_versionen (tenant_id, dokument_id, version, sha256, groesse, mime, dateiname, created_by)
       select tenant_id, id, 1, repeat('a', 64), 0, 'text/plain', 'x.txt', 'test' from dokumente where titel like 'Massenbrief %'`,
    );
    const many = await search('Rundschreiben');
    expect(many).toMatchObject({ total: COUNT_LIMIT, totalRelation: 'gte' });
    expect(many.items).toHaveLength(50);
    expect((await search('Beschlussvorlage')).totalRelation).toBe('eq');
  });

  it(`with more than ${COUNT_LIMIT} matches a walk ranks and counts the most recently filed ones first`, async () => {
    // In the table's order a walk's first COUNT_LIMIT + 1 matches would be the oldest documents;
    // it reads the most recently filed first, so the hits and the facets (lower bounds) include
    // the newest.
    const { vorgangId, akteId } = await newVorgang(admin, 'Altablage');
    const vectors = searchVectors({ titel: 'Brief', meta: '', content: 'Jahresrundschreiben Kreisumlage' });
    const insert = (count: number, titel: string, when: string) =>
      t.superuser.query(
        `with v as (select unit_id from akten where id = $2)
         insert into dokumente (tenant_id, vorgang_id, akte_id, unit_id, titel, datum, created_at, created_by, search, search_head, search_version)
         select 'nordhausen', $1, $2, v.unit_id, $3::text || ' ' || n, $5::date, $5::timestamptz + n * interval '1 second', 'test', $6::tsvector, $7::tsvector, $8
         from generate_series(1, $4::int) n, v`,
        [vorgangId, akteId, titel, count, when, vectors.search, vectors.head, ANALYZER_VERSION],
      );
    await insert(COUNT_LIMIT + 100, 'Altbrief', '2019-03-01');
    await insert(5, 'Neubrief', '2026-11-30');
    searchTuning.force = 'walk';
    try {
      const page = await search('Jahresrundschreiben');
      expect(page).toMatchObject({ total: COUNT_LIMIT, totalRelation: 'gte' });
      expect(page.items.slice(0, 5).map((i: { titel: string }) => i.titel.split(' ')[0])).toEqual(
        Array(5).fill('Neubrief'),
      );
      expect(page.facetten.jahr).toEqual([
        { wert: '2026', titel: '2026', anzahl: 5 },
        { wert: '2019', titel: '2019', anzahl: COUNT_LIMIT + 1 - 5 },
      ]);
    } finally {
      searchTuning.force = undefined;
    }
  });

  it('pages through 260 equally ranked hits of one day without overlap or gaps', async () => {
    // One bulk upload: same day, same words, so every hit has the same rank and date.
    await bulkDokumente('Stapelakte', 'Stapelbrief', 'Seitenprobe', 260);
    const seen: string[] = [];
    for (const offset of [0, 200]) {
      const page = await search('Seitenprobe', `&limit=200&offset=${offset}`);
      seen.push(...page.items.map((hit: { dokumentId: string }) => hit.dokumentId));
    }
    expect(seen).toHaveLength(260);
    expect(new Set(seen).size).toBe(260);
  });

  it('refuses writes by the read-only role', async () => {
    const reader = await t.tokenFor('nordhausen', ['lesen']);
    expect((await t.request('/api/v1/akten', { token: reader, json: { titel: 'Nein' } })).status).toBe(403);
  });
});
