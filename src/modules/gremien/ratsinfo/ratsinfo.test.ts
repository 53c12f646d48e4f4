import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { KREIS, seedRatsinfo } from './ratsinfo.fixture.ts';

let t: TestContext;
let s: Awaited<ReturnType<typeof seedRatsinfo>>;
beforeAll(async () => {
  t = await createTestContext();
  s = await seedRatsinfo(t, 'GEHEIMSACHE');
});
afterAll(() => t.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  t.request(path, { headers: { accept: 'text/html', ...headers } });
const base = `/ratsinfo/${KREIS}`;
/** The visible text of an HTML page, tags removed, whitespace collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<head>.*?<\/head>/s, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('the public council pages of a county', () => {
  it('lists the member counties, each under its id as slug, without an account', async () => {
    const res = await get('/ratsinfo');
    expect(res.status).toBe(200);
    for (const slug of ['nordhausen', 'kyffhaeuserkreis', 'unstrut-hainich-kreis', 'wartburgkreis'])
      expect(res.text).toContain(`href="/ratsinfo/${slug}/"`);
    expect((await get(`/ratsinfo/${KREIS}`)).headers.get('location')).toBe(`${base}/`);
    const unknown = await get('/ratsinfo/ilm-kreis/');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Der Landkreis wurde nicht gefunden.');
  });

  it('shows an error raised before a page runs (a control character in the query) in the frame of the public pages', async () => {
    const res = await get(`${base}/suche?q=%00`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Ratsinformation der Landkreise');
    expect(res.text).not.toContain('Verbund E-Government');
  });

  it('shows the sessions of a month and pages to the nearest months that have sessions', async () => {
    const juni = await get(`${base}/?monat=2020-06`);
    expect(juni.status).toBe(200);
    const text = textOf(juni.text);
    expect(text).toContain('Sitzungskalender Juni 2020');
    expect(text).toContain('Mittwoch, 24.06.2020');
    expect(text).toContain('17:00 Uhr');
    expect(juni.text).toContain(`${base}/sitzungen/${s.sitzung.id}`);
    expect(juni.text).toContain(`href="${base}/?monat=2020-07"`); // the planned session
    const juli = textOf((await get(`${base}/?monat=2020-07`)).text);
    expect(juli).toContain('Ausschuss für Digitalisierung');
    expect(juli).toContain('geplant');
    expect(juli).toContain('Früher: Juni 2020');
    expect(juli).toContain('Später: September 2020');
    expect(textOf((await get(`${base}/?monat=2020-09`)).text)).toContain('abgesagt');
    const bad = await get(`${base}/?monat=2020-13`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Der Monat muss als JJJJ-MM angegeben werden');
  });

  it('shows a session with its public items in order and only number and "nichtöffentlich" for the others', async () => {
    const res = await get(`${base}/sitzungen/${s.sitzung.id}`);
    const text = textOf(res.text);
    expect(text).toContain('Kreistag, 1. Sitzung');
    expect(text).toContain('Landratsamt Mühlhausen, Großer Sitzungssaal');
    const order = [
      'Ö 1 Eröffnung',
      'Ö 2 Zweckvereinbarung: 1. Änderung KT/103/2020',
      'Ö 3 Haushalt 2021',
      'N 1 nichtöffentlich',
      'Ö 4 Anfragen',
    ];
    let at = -1;
    for (const item of order) {
      const found = text.indexOf(item);
      expect(found, item).toBeGreaterThan(at);
      at = found;
    }
    expect(text).toContain('beschlossen (Ja 2, Nein 0, Enthaltungen 1)');
    expect(text).toMatch(/Beschluss-Nr\. KT\/001-02\/20/);
    // The draft Vorlage on item Ö 3 is not linked; the non-public result is not shown.
    expect(res.text).not.toContain(s.entwurf.id);
    expect(text).not.toContain('Ja 3');
    const geplant = textOf((await get(`${base}/sitzungen/${s.geplant.id}`)).text);
    expect(geplant).toContain('Die Tagesordnung wird mit der Einladung veröffentlicht.');
    expect((await get(`${base}/sitzungen/not-a-uuid`)).status).toBe(404);
  });

  it('shows a published Vorlage with its Beratungsfolge, its session and its public attachment for download', async () => {
    const res = await get(`${base}/vorlagen/${s.publik.id}`);
    const text = textOf(res.text);
    expect(text).toContain('1. Änderung der Zweckvereinbarung Interkommunales Serviceteam E-Government');
    expect(text).toContain('Der Kreistag möge beschließen');
    expect(text).toMatch(
      /1 Ausschuss für Digitalisierung 10\.06\.2020 Vorberatung 2 Kreistag 24\.06\.2020 Entscheidung/,
    );
    expect(text).toMatch(
      /Kreistag, Mittwoch, 24\.06\.2020 Ö 2 beschlossen Ja 2, Nein 0, Enthaltungen 1 KT\/001-02\/20/,
    );
    expect(text).toContain('Zweckvereinbarung in der Fassung der 1. Änderung');
    expect(text).not.toContain('Vertragsentwurf');
    const file = await t.request(`${base}/vorlagen/${s.publik.id}/anlagen/${s.anlage.id}`);
    expect(file.status).toBe(200);
    expect(file.text).toBe('Text der Zweckvereinbarung (öffentlich)');
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="Zweckvereinbarung _nderung.txt"; filename*=UTF-8''Zweckvereinbarung%20%C3%84nderung.txt`,
    );
    // Another county's address does not reach this county's Vorlage.
    expect((await get(`/ratsinfo/nordhausen/vorlagen/${s.publik.id}`)).status).toBe(404);
  });

  it('shows the members of a Gremium by Fraktion for the current and for an earlier Wahlperiode', async () => {
    const current = textOf((await get(`${base}/gremien/${s.kreistag.id}`)).text);
    expect(current).toContain('Mitglieder in der Wahlperiode');
    expect(current).toMatch(
      /Fraktion Nord .*Anke Kramer Vorsitz.*Bernd Lange Mitglied.*Fraktion Süd .*Carla Otto/,
    );
    const earlier = textOf((await get(`${base}/gremien/${s.kreistag.id}?wahlperiode=${s.alt.id}`)).text);
    expect(earlier).toContain('Mitglieder in der Wahlperiode 2014–2019');
    expect(earlier).toContain('Fraktion West');
    expect(earlier).toContain('Dieter Vogt');
    expect(earlier).not.toContain('Anke Kramer');
    expect(textOf((await get(`${base}/gremien`)).text)).toContain(
      'Ausschuss für Digitalisierung Ausschuss 9',
    );
  });

  it('finds published public Vorlagen with the German analyzer and by Drucksachen-Nr.', async () => {
    for (const q of ['Zweckvereinbarungen', 'Antrag', 'Beitritts', 'KT/103/2020', 'Wartburg*']) {
      const text = textOf((await get(`${base}/suche?q=${encodeURIComponent(q)}`)).text);
      expect(text, q).toContain('1 Vorlage gefunden');
      expect(text, q).toContain('KT/103/2020: 1. Änderung der Zweckvereinbarung');
    }
    expect(textOf((await get(`${base}/suche?q=KT/103/2021`)).text)).toContain('Keine Vorlage gefunden');
    expect(textOf((await get(`${base}/suche`)).text)).toContain('Zuletzt veröffentlichte Vorlagen');
    expect((await get(`${base}/suche?q=${'x'.repeat(201)}`)).status).toBe(400);
  });
});

describe('the iCal feed of a Gremium', () => {
  const feed = async () => (await t.request(`${base}/gremien/${s.kreistag.id}/kalender.ics`)).text;
  const eventOf = (ics: string, id: string) =>
    ics.split('BEGIN:VEVENT').find((e) => e.includes(`UID:sitzung-${id}@`)) ?? '';

  it('gives every session a stable UID and a cancelled one STATUS:CANCELLED with its change counter as SEQUENCE', async () => {
    const ics = await feed();
    expect(ics).toMatch(/^BEGIN:VCALENDAR/);
    const held = eventOf(ics, s.sitzung.id);
    expect(held).toContain('STATUS:CONFIRMED');
    expect(held).toContain('DTSTART:20200624T150000Z');
    expect(held).toContain('SEQUENCE:2'); // eingeladen, durchgeführt
    const cancelled = eventOf(ics, s.abgesagt.id);
    expect(cancelled).toContain('STATUS:CANCELLED');
    expect(cancelled).toContain('SEQUENCE:2');
    const { rows } = await t.superuser.query('select sequenz from sitzungen where id = $1', [s.abgesagt.id]);
    expect(rows[0].sequenz).toBe(2);
  });

  it('raises SEQUENCE and keeps the UID when a session changes again', async () => {
    await t.request(`/api/v1/sitzungen/${s.abgesagt.id}`, {
      method: 'PATCH',
      token: s.token,
      json: { status: 'geplant' },
    });
    const again = eventOf(await feed(), s.abgesagt.id);
    expect(again).toContain('SEQUENCE:3');
    expect(again).toContain('STATUS:TENTATIVE');
  });
});

describe('caching of the public pages', () => {
  it('answers 304 to a current ETag or Last-Modified and 200 with a new ETag after a change', async () => {
    const path = `${base}/sitzungen/${s.sitzung.id}`;
    const first = await get(path);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    expect(Date.parse(lastModified)).toBeGreaterThan(Date.now() - 600_000);
    expect((await get(path, { 'if-none-match': etag })).status).toBe(304);
    expect((await get(path, { 'if-modified-since': lastModified })).status).toBe(304);
    await new Promise((r) => setTimeout(r, 1100));
    await t.request(`/api/v1/sitzungen/${s.sitzung.id}`, {
      method: 'PATCH',
      token: s.token,
      json: { ort: 'Kreistagssaal' },
    });
    const changed = await get(path, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await get(path, { 'if-modified-since': lastModified })).status).toBe(200);
  });

  it('lists the public pages in the sitemap with absolute addresses', async () => {
    const index = await t.request('/ratsinfo/sitemap.xml');
    expect(index.headers.get('content-type')).toContain('application/xml');
    expect(index.text).toContain(`<loc>http://localhost/ratsinfo/${KREIS}/sitemap.xml</loc>`);
    const map = (await t.request(`${base}/sitemap.xml`)).text;
    expect(map).toContain(`<loc>http://localhost${base}/vorlagen/${s.publik.id}</loc>`);
    expect(map).toContain(`<loc>http://localhost${base}/sitzungen/${s.sitzung.id}</loc>`);
    expect(map).not.toContain(s.geheim.id);
  });
});
