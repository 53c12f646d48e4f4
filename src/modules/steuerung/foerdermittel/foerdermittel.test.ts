import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';

let t: TestContext;
let admin: string;
let bewilligungId: string;
let beleg: string;

/** A receipt document in the county's E-Akte, filed through the API like any upload. */
async function belegIn(token: string, titel: string) {
  const akte = await t.request('/api/v1/akten', {
    token,
    json: { titel: 'Fördermittel Belege', aktenplan: '00.20' },
  });
  const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
    token,
    json: { betreff: 'Belege 2020' },
  });
  const form = new FormData();
  form.set('datei', new Blob([`Rechnung ${titel}`], { type: 'text/plain' }), 'rechnung.txt');
  form.set('titel', titel);
  const dokument = await t.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, { token, body: form });
  expect(dokument.status).toBe(201);
  return dokument.json.id as string;
}

async function datei(path: string, token = admin) {
  const response = await t.app.request(path, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.tokenFor('nordhausen', ['kreis-admin']);
  beleg = await belegIn(admin, 'Gehaltsabrechnung Juni 2020');
  const angelegt = await t.request('/api/v1/steuerung/foerdermittel', {
    token: admin,
    json: {
      zuwendungsgeber: 'Freistaat Thüringen',
      programm: 'Thüringer Förderrichtlinie für E-Government und IT',
      aktenzeichen: 'EGOV-NDH-2020-1',
      zweck: 'Mitarbeit im interkommunalen Serviceteam',
      foerdersatz: 90,
      zuwendungsfaehig: 10000,
      von: '2020-01-01',
      bis: '2020-12-31',
    },
  });
  expect(angelegt.status).toBe(201);
  bewilligungId = angelegt.json.id;
});
afterAll(() => t.close());

const ausgabe = (json: Record<string, unknown>, token = admin) =>
  t.request(`/api/v1/steuerung/foerdermittel/${bewilligungId}/ausgaben`, { token, json });

describe('Fördermittel: a Bewilligung and its expenses', () => {
  it('records expenses with receipts and flags spending outside the period, above the amount and without receipt', async () => {
    expect(
      (
        await ausgabe({
          datum: '2020-06-30',
          betrag: 6000,
          kategorie: 'personal',
          text: 'Personal Juni',
          belegDokumentId: beleg,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await ausgabe({
          datum: '2020-09-30',
          betrag: 4500.5,
          kategorie: 'personal',
          text: 'Personal Sept.',
          belegDokumentId: beleg,
        })
      ).status,
    ).toBe(201);
    expect(
      (await ausgabe({ datum: '2021-01-15', betrag: 300, kategorie: 'sachkosten', text: 'Lizenz nach Ende' }))
        .status,
    ).toBe(201);
    const b = await t.request(`/api/v1/steuerung/foerdermittel/${bewilligungId}`, { token: admin });
    expect(b.status).toBe(200);
    expect(b.json.zuwendung).toBe(9000);
    expect(b.json.summe).toMatchObject({
      ausgaben: 10800.5,
      imZeitraum: 10500.5,
      ueberschreitung: 500.5,
      gefoerdert: 9000,
    });
    expect(b.json.ausgaben.map((a: { hinweise: string[] }) => a.hinweise)).toEqual([
      [],
      ['ueber_betrag'],
      ['ausserhalb_zeitraum', 'beleg_fehlt'],
    ]);
    expect(b.json.ausgaben[0].belegTitel).toBe('Gehaltsabrechnung Juni 2020');
    expect(b.json.hinweise).toEqual({ ausserhalbZeitraum: 1, ueberBetrag: 1, belegFehlt: 1 });
  });

  it('refuses a receipt that is not a document of the county (another county’s document, unknown id)', async () => {
    const fremd = await belegIn(await t.tokenFor('wartburgkreis', ['kreis-admin']), 'Rechnung Eisenach');
    const antwort = await ausgabe({
      datum: '2020-03-01',
      betrag: 10,
      kategorie: 'sachkosten',
      text: 'x',
      belegDokumentId: fremd,
    });
    expect(antwort.status).toBe(422);
    expect(antwort.headers.get('content-type')).toContain('application/problem+json');
    expect(antwort.json.detailDe).toContain('Beleg');
  });

  it('answers bad input with a German 400: negative amount, three decimals, unknown category, period backwards', async () => {
    for (const json of [
      { datum: '2020-03-01', betrag: -5, kategorie: 'personal', text: 'x' },
      { datum: '2020-03-01', betrag: 1.005, kategorie: 'personal', text: 'x' },
      { datum: '2020-03-01', betrag: 5, kategorie: 'reisen', text: 'x' },
      { datum: '2020-02-30x', betrag: 5, kategorie: 'personal', text: 'x' },
      { datum: '2020-02-30', betrag: 5, kategorie: 'personal', text: 'x' },
    ]) {
      const antwort = await ausgabe(json);
      expect(antwort.status).toBe(400);
      expect(antwort.json.detailDe).toMatch(/Die Anfrage ist ungültig/);
    }
    const rueckwaerts = await t.request('/api/v1/steuerung/foerdermittel', {
      token: admin,
      json: {
        zuwendungsgeber: 'Land',
        programm: 'Programm',
        aktenzeichen: 'R-1',
        zweck: 'Zweck',
        foerdersatz: 50,
        zuwendungsfaehig: 1,
        von: '2020-12-31',
        bis: '2020-01-01',
      },
    });
    expect(rueckwaerts.status).toBe(400);
    expect(rueckwaerts.json.detailDe).toBe('Der Bewilligungszeitraum endet vor seinem Beginn.');
  });

  it('lets only verbund-admin and kreis-admin record; other roles may read', async () => {
    const sachbearbeitung = await t.tokenFor('nordhausen', ['sachbearbeitung', 'leitung']);
    const antwort = await ausgabe(
      { datum: '2020-03-01', betrag: 5, kategorie: 'personal', text: 'x' },
      sachbearbeitung,
    );
    expect(antwort.status).toBe(403);
    expect(antwort.json.detailDe).toContain('Kreis-Administration');
    expect(
      (await t.request(`/api/v1/steuerung/foerdermittel/${bewilligungId}`, { token: sachbearbeitung }))
        .status,
    ).toBe(200);
  });

  it('answers 404 to another county for the grant, its expenses and its Verwendungsnachweis', async () => {
    const fremd = await t.tokenFor('wartburgkreis', ['kreis-admin']);
    expect(
      (await t.request(`/api/v1/steuerung/foerdermittel/${bewilligungId}`, { token: fremd })).status,
    ).toBe(404);
    expect(
      (await ausgabe({ datum: '2020-03-01', betrag: 5, kategorie: 'personal', text: 'x' }, fremd)).status,
    ).toBe(404);
    expect(
      (await datei(`/api/v1/steuerung/foerdermittel/${bewilligungId}/verwendungsnachweis?format=pdf`, fremd))
        .status,
    ).toBe(404);
    const liste = await t.request('/api/v1/steuerung/foerdermittel', { token: fremd });
    expect(liste.text).not.toContain(bewilligungId);
  });
});

describe('Verwendungsnachweis', () => {
  beforeAll(async () => {
    const s = await t.request(`/api/v1/steuerung/foerdermittel/${bewilligungId}/sachbericht`, {
      method: 'PUT',
      token: admin,
      json: {
        sachbericht:
          'Das Serviceteam hat 2020 die Anträge für Wohngeld und Kfz-Zulassung digitalisiert. Größere Änderungen: keine.',
      },
    });
    expect(s.status).toBe(200);
  });

  it('is a PDF/A-2b with embedded fonts, the Sachbericht and the numbers in its text layer', async () => {
    const { status, headers, bytes } = await datei(
      `/api/v1/steuerung/foerdermittel/${bewilligungId}/verwendungsnachweis?format=pdf`,
    );
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/pdf');
    const raw = bytes.toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toMatch(/pdfaid:part(>|=")2/);
    expect(raw).toMatch(/pdfaid:conformance(>|=")B/);
    expect(raw).toContain('/OutputIntents');
    expect(raw).toContain('/FontFile2');
    const { extractText, getDocumentProxy } = await import('unpdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
    expect(text).toContain('Verwendungsnachweis');
    expect(text).toContain('Kfz-Zulassung digitalisiert.');
    expect(text).toContain('Größere Änderungen: keine.');
    expect(text).toContain('Thüringer Förderrichtlinie für E-Government und IT');
    expect(text).toContain('10.800,50 €');
    // table cells wrap: words may stand on separate lines
    expect(text).toMatch(/außerhalb\s+Zeitraum,\s+ohne\s+Beleg/);
    expect(text).toMatch(/„über\s+Betrag“\s+=\s+über\s+den\s+zuwendungsfähigen\s+Ausgaben/);
    // same data, same bytes
    expect(
      (
        await datei(`/api/v1/steuerung/foerdermittel/${bewilligungId}/verwendungsnachweis?format=pdf`)
      ).bytes.equals(bytes),
    ).toBe(true);
  });

  it('is a CSV German spreadsheets open with the same amounts', async () => {
    const { status, headers, bytes } = await datei(
      `/api/v1/steuerung/foerdermittel/${bewilligungId}/verwendungsnachweis?format=csv`,
    );
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/csv');
    const zeilen = bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(zeilen[0]).toBe('Nr.;Datum;Kategorie;Verwendungszweck;Betrag;Summe im Zeitraum;Beleg;Hinweise');
    expect(zeilen[2]).toBe(
      '2;30.09.2020;Personalausgaben;Personal Sept.;4500,5;10500,5;Gehaltsabrechnung Juni 2020;über den zuwendungsfähigen Ausgaben',
    );
    expect(zeilen).toHaveLength(4);
  });

  it('is an XLSX that reads back with the same numbers', async () => {
    const { status, bytes } = await datei(
      `/api/v1/steuerung/foerdermittel/${bewilligungId}/verwendungsnachweis?format=xlsx`,
    );
    expect(status).toBe(200);
    const mappe = new ExcelJS.Workbook();
    await mappe.xlsx.load(bytes as unknown as ArrayBuffer);
    const blatt = mappe.worksheets[0]!;
    expect(blatt.getRow(1).getCell(5).value).toBe('Betrag');
    const betraege = [2, 3, 4].map((r) => blatt.getRow(r).getCell(5).value);
    expect(betraege).toEqual([6000, 4500.5, 300]);
    expect(blatt.getRow(3).getCell(6).value).toBe(10500.5);
    expect(blatt.getRow(4).getCell(8).value).toBe('außerhalb des Bewilligungszeitraums; Beleg fehlt');
  });

  it('refuses an unknown format with a German 400', async () => {
    const antwort = await t.request(
      `/api/v1/steuerung/foerdermittel/${bewilligungId}/verwendungsnachweis?format=doc`,
      { token: admin },
    );
    expect(antwort.status).toBe(400);
    expect(antwort.headers.get('content-type')).toContain('application/problem+json');
  });
});
