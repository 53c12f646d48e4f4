import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { steuerungTestdaten } from '../../../../test/support/steuerung.ts';
import { sessionOf } from '../../gremien/ui/gremien-ui.fixture.ts';

let t: TestContext;
let serviceteam: string;
let kreis: string;

beforeAll(async () => {
  t = await createTestContext();
  await steuerungTestdaten(t);
  serviceteam = await t.tokenFor('unstrut-hainich-kreis', ['verbund-admin']);
  kreis = await t.tokenFor('nordhausen', ['sachbearbeitung']);
});
afterAll(() => t.close());

type Kennzahl = { key: string; tabelle: { spalten: Array<{ name: string }>; zeilen: unknown[][] } };
const kennzahlen = (bericht: { abschnitte: Array<{ kennzahlen: Kennzahl[] }> }) =>
  new Map(bericht.abschnitte.flatMap((a) => a.kennzahlen).map((k) => [k.key, k]));

describe('Steuerung API', () => {
  it('the Serviceteam sees every county: Anträge per month per county and in total, bands per county', async () => {
    const r = await t.request('/api/v1/steuerung?jahr=2020', { token: serviceteam });
    expect(r.status).toBe(200);
    expect(r.json.sicht).toBe('verbund');
    expect(r.json.abschnitte.map((a: { key: string }) => a.key)).toEqual(
      expect.arrayContaining(['kosten', 'nachnutzung', 'antraege', 'anbindungen']),
    );
    const k = kennzahlen(r.json);
    const monate = k.get('antraege-monate')!;
    expect(monate.tabelle.spalten.map((s) => s.name)).toEqual([
      'Monat',
      'Landkreis Nordhausen',
      'Wartburgkreis',
      'Verbund gesamt',
    ]);
    expect(monate.tabelle.zeilen[2]).toEqual(['2020-03', 3, 2, 5]);
    expect(k.get('bearbeitungszeit-wartburgkreis')!.tabelle.zeilen[3]).toEqual(['2020-04', 1, 36, 36]);
    expect(k.get('bearbeitungszeit-verbund')!.tabelle.zeilen[3]?.[1]).toBe(3);
    expect(k.has('nachnutzung-verlauf')).toBe(true);
    expect(k.get('kosten-jahr')!.tabelle.zeilen.length).toBeGreaterThanOrEqual(3);
  });

  it('a county sees its own detail plus Verbund totals only, never another county', async () => {
    const r = await t.request('/api/v1/steuerung?jahr=2020', { token: kreis });
    expect(r.status).toBe(200);
    expect(r.json.sicht).toBe('kreis');
    const k = kennzahlen(r.json);
    const monate = k.get('antraege-monate')!;
    expect(monate.tabelle.spalten.map((s) => s.name)).toEqual([
      'Monat',
      'Landkreis Nordhausen',
      'Verbund gesamt',
    ]);
    expect(monate.tabelle.zeilen[2]).toEqual(['2020-03', 3, 5]);
    expect(k.has('bearbeitungszeit-wartburgkreis')).toBe(false);
    expect(k.has('nachnutzung-verlauf')).toBe(false);
    expect(k.get('nachnutzung-matrix')!.tabelle.spalten.map((s) => s.name)).toEqual([
      'Artefakt',
      'Landkreis Nordhausen',
    ]);
    // Outside the cost shares (which every member must be able to check), no other county appears.
    const detail = r.json.abschnitte.filter((a: { key: string }) => a.key !== 'kosten');
    expect(JSON.stringify(detail)).not.toMatch(/Wartburgkreis|Kyffhäuserkreis|Unstrut-Hainich/);
    const fremd = await t.request('/api/v1/steuerung/kennzahlen/bearbeitungszeit-wartburgkreis?jahr=2020', {
      token: kreis,
    });
    expect(fremd.status).toBe(404);
    expect(fremd.headers.get('content-type')).toContain('application/problem+json');
  });

  it('every table downloads as CSV and as XLSX with the same numbers', async () => {
    const json = await t.request('/api/v1/steuerung/kennzahlen/antraege-monate?jahr=2020', {
      token: serviceteam,
    });
    expect(json.status).toBe(200);
    // A figure whose key does not start with its section's key is found through the section's other prefixes.
    const band = await t.request('/api/v1/steuerung/kennzahlen/bearbeitungszeit-verbund?jahr=2020', {
      token: serviceteam,
    });
    expect(band.status).toBe(200);
    expect(band.json.key).toBe('bearbeitungszeit-verbund');
    const csv = await t.request('/api/v1/steuerung/kennzahlen/antraege-monate/export?format=csv&jahr=2020', {
      token: serviceteam,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="steuerung-antraege-monate-2020.csv"',
    );
    expect(csv.text.split('\r\n')[3]).toBe('2020-03;3;2;5');
    const response = await t.app.request(
      '/api/v1/steuerung/kennzahlen/antraege-monate/export?format=xlsx&jahr=2020',
      {
        headers: { authorization: `Bearer ${serviceteam}` },
      },
    );
    expect(response.status).toBe(200);
    const mappe = new ExcelJS.Workbook();
    await mappe.xlsx.load(await response.arrayBuffer());
    const blatt = mappe.worksheets[0]!;
    json.json.tabelle.zeilen.forEach((zeile: unknown[], z: number) => {
      zeile.forEach((wert, s) => {
        expect(blatt.getCell(z + 2, s + 1).value ?? null).toBe(wert);
      });
    });
  });

  it('refuses bad input with a German problem+json and 4xx', async () => {
    for (const [pfad, status] of [
      ['/api/v1/steuerung?jahr=20x0', 400],
      ['/api/v1/steuerung?jahr=1999', 400],
      ['/api/v1/steuerung/kennzahlen/gibt-es-nicht?jahr=2020', 404],
      ['/api/v1/steuerung/kennzahlen/UNGUELTIG!', 400],
      ['/api/v1/steuerung/kennzahlen/antraege-monate/export?format=pdf', 400],
    ] as const) {
      const r = await t.request(pfad, { token: kreis });
      expect(r.status, pfad).toBe(status);
      expect(r.headers.get('content-type'), pfad).toContain('application/problem+json');
      expect(r.json.detailDe, pfad).toBeTruthy();
    }
    expect((await t.request('/api/v1/steuerung')).status).toBe(401);
  });
});

describe('Steuerung page', () => {
  it('the Serviceteam page shows every chart as an SVG with title, description and table, with Stand and downloads', async () => {
    const s = await sessionOf(t, 'unstrut-hainich-kreis', 'serviceteam');
    const r = await t.app.request('/steuerung?jahr=2020', {
      headers: { cookie: s.cookie, accept: 'text/html' },
    });
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain('Serviceteam: der ganze Verbund');
    expect(html).toMatch(/Stand: \d/);
    expect(html).toContain('href="/steuerung"');
    for (const id of [
      'antraege-monate',
      'bearbeitungszeit-verbund',
      'bearbeitungszeit-wartburgkreis',
      'nachnutzung-verlauf',
    ])
      expect(html, id).toContain(`aria-labelledby="${id}-titel ${id}-beschreibung"`);
    expect(html).toContain(
      'href="/api/v1/steuerung/kennzahlen/antraege-monate/export?format=xlsx&amp;jahr=2020"',
    );
    expect(html).not.toContain('<script>');
    // The year form only reads (GET), so it needs no CSRF token.
    expect(html).toContain('<form method="get" action="/steuerung"');
  });

  it('a county user page shows no other county outside the cost shares', async () => {
    const s = await sessionOf(t, 'nordhausen', 'sachbearbeitung');
    const r = await t.app.request('/steuerung?jahr=2020', {
      headers: { cookie: s.cookie, accept: 'text/html' },
    });
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain('Nordhausen: Ihre Zahlen und die Summen des Verbunds');
    const detail = html.slice(html.indexOf('id="abschnitt-nachnutzung"'));
    expect(detail).toContain('Verbund gesamt');
    expect(detail).not.toMatch(/Wartburgkreis|Kyffhäuserkreis|Unstrut-Hainich/);
  });

  it('without a session it asks to sign in; a bad year gets a German error page', async () => {
    const anonym = await t.app.request('/steuerung', { headers: { accept: 'text/html' } });
    expect(anonym.status).toBe(303);
    expect(anonym.headers.get('location')).toBe('/anmelden?weiter=%2Fsteuerung');
    const s = await sessionOf(t, 'nordhausen', 'sachbearbeitung');
    const r = await t.app.request('/steuerung?jahr=abc', {
      headers: { cookie: s.cookie, accept: 'text/html' },
    });
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('Das Jahr „abc“ ist ungültig');
  });
});
