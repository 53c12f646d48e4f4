import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import * as sitzung from '../../../../test/support/sitzung.ts';
import { csrfAus, type Sitzung } from '../../../../test/support/sitzung.ts';

// Sample data: the grants and expenses below are invented for this test (Beispieldaten).
let t: TestContext;
let beleg: string;
let fremdeBewilligung: string;

const anmelden = (tenantId: string, login: string) => sitzung.anmelden(t, tenantId, login);
const holen = (s: Sitzung, path: string) => sitzung.holen(t, s, path);
const senden = (s: Sitzung, path: string, felder: Record<string, string>, csrf = s.csrf) =>
  sitzung.senden(t, s, path, felder, { csrf });

const BEWILLIGUNG = {
  zuwendungsgeber: 'Freistaat Thüringen',
  programm: 'Förderrichtlinie E-Government (Beispieldaten)',
  aktenzeichen: 'EG-2020-0815',
  zweck: 'Einführung der E-Akte',
  foerdersatz: '90',
  zuwendungsfaehig: '10.000,00',
  von: '2020-01-01',
  bis: '2020-12-31',
};

beforeAll(async () => {
  t = await createTestContext();
  const token = await t.tokenFor('nordhausen', ['kreis-admin']);
  const akte = await t.request('/api/v1/akten', { token, json: { titel: 'Belege', aktenplan: '00.20' } });
  const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
    token,
    json: { betreff: 'Belege 2020' },
  });
  const form = new FormData();
  form.set('datei', new Blob(['Rechnung Scanner'], { type: 'text/plain' }), 'rechnung.txt');
  form.set('titel', 'Rechnung Scanner');
  const dokument = await t.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, { token, body: form });
  expect(dokument.status).toBe(201);
  beleg = dokument.json.id;
  const fremd = await t.request('/api/v1/steuerung/foerdermittel', {
    token: await t.tokenFor('wartburgkreis', ['kreis-admin']),
    json: { ...BEWILLIGUNG, aktenzeichen: 'WAK-1', foerdersatz: 50, zuwendungsfaehig: 500 },
  });
  expect(fremd.status).toBe(201);
  fremdeBewilligung = fremd.json.id;
}, 60_000);
afterAll(() => t.close());

describe('the Fördermittel pages', () => {
  it('the Kreis-Administration creates a Bewilligung and adds an expense with a receipt in the forms', async () => {
    const admin = await anmelden('nordhausen', 'admin');
    const liste = await holen(admin, '/steuerung/foerdermittel');
    expect(liste.status).toBe(200);
    expect(liste.text).toContain('Bewilligung erfassen');
    admin.csrf = csrfAus(liste.text);

    const angelegt = await senden(admin, '/steuerung/foerdermittel', BEWILLIGUNG);
    expect(angelegt.status).toBe(303);
    expect(angelegt.location).toMatch(/^\/steuerung\/foerdermittel\/[0-9a-f-]{36}\?ok=/);
    const seite = await holen(admin, angelegt.location);
    expect(seite.text).toContain('Bewilligung EG-2020-0815 angelegt.');
    expect(seite.text).toContain('10.000,00');
    expect(seite.text).toContain('9.000,00'); // Zuwendung: 90 % of 10.000 €
    const id = angelegt.location.split('?')[0]!.split('/').at(-1)!;
    expect(seite.text).toContain(`/api/v1/steuerung/foerdermittel/${id}/verwendungsnachweis?format=pdf`);

    const ausgabe = await senden(admin, `/steuerung/foerdermittel/${id}/ausgaben`, {
      datum: '2020-06-30',
      betrag: '1.234,56',
      kategorie: 'sachkosten',
      text: 'Scanner',
      beleg,
    });
    expect(ausgabe.status).toBe(303);
    const mitAusgabe = await holen(admin, ausgabe.location);
    expect(mitAusgabe.text).toContain('Ausgabe über 1.234,56');
    expect(mitAusgabe.text).toContain(`href="/dokumente/${beleg}"`);
    expect(mitAusgabe.text).toContain('Rechnung Scanner');
    expect(mitAusgabe.text).toContain('Sachausgaben');

    // Without receipt, outside the period: the flags in German.
    await senden(admin, `/steuerung/foerdermittel/${id}/ausgaben`, {
      datum: '2021-02-01',
      betrag: '10',
      kategorie: 'sonstiges',
      text: 'Nachzügler',
      beleg: '',
    });
    const geprueft = await holen(admin, `/steuerung/foerdermittel/${id}`);
    expect(geprueft.text).toContain('außerhalb des Bewilligungszeitraums; Beleg fehlt');
    const api = await t.request(`/api/v1/steuerung/foerdermittel/${id}`, {
      token: await t.tokenFor('nordhausen', ['sachbearbeitung']),
    });
    expect(api.json.summe.ausgaben).toBe(1244.56);
  });

  it('a bad amount and an unknown receipt come back as German field errors with 400, nothing recorded', async () => {
    const admin = await anmelden('nordhausen', 'admin');
    admin.csrf = csrfAus((await holen(admin, '/steuerung/foerdermittel')).text);
    const falsch = await senden(admin, '/steuerung/foerdermittel', {
      ...BEWILLIGUNG,
      aktenzeichen: 'EG-FALSCH',
      zuwendungsfaehig: 'zehn Euro',
      foerdersatz: '150',
    });
    expect(falsch.status).toBe(400);
    expect(falsch.text).toContain('Bitte eine Zahl angeben (z. B. 1234,56).');
    expect(falsch.text).toContain('höchstens 100 %');
    expect(falsch.text).toContain('value="EG-FALSCH"');
    const liste = await holen(admin, '/steuerung/foerdermittel');
    expect(liste.text).not.toContain('EG-FALSCH</a>');

    const b = await senden(admin, '/steuerung/foerdermittel', { ...BEWILLIGUNG, aktenzeichen: 'EG-2' });
    const id = b.location.split('?')[0]!.split('/').at(-1)!;
    const negativ = await senden(admin, `/steuerung/foerdermittel/${id}/ausgaben`, {
      datum: '2020-03-01',
      betrag: '-5',
      kategorie: 'personal',
      text: 'Falsch',
      beleg: '',
    });
    expect(negativ.status).toBe(400);
    expect(negativ.text).toContain('Der Betrag muss größer als 0 sein.');
    const fremderBeleg = await senden(admin, `/steuerung/foerdermittel/${id}/ausgaben`, {
      datum: '2020-03-01',
      betrag: '5',
      kategorie: 'personal',
      text: 'Fremd',
      beleg: '00000000-0000-4000-8000-000000000000',
    });
    expect(fremderBeleg.status).toBe(400);
    expect(fremderBeleg.text).toContain('Der Beleg wurde in der E-Akte des Landkreises nicht gefunden');
    expect((await holen(admin, `/steuerung/foerdermittel/${id}`)).text).toContain(
      'Noch keine Ausgabe erfasst.',
    );
  });

  it('Sachbearbeitung reads but sees no form and gets 403 on a POST', async () => {
    const sb = await anmelden('nordhausen', 'sachbearbeitung');
    const liste = await holen(sb, '/steuerung/foerdermittel');
    expect(liste.status).toBe(200);
    expect(liste.text).not.toContain('Bewilligung erfassen');
    expect(liste.text).toContain('Kreis-Administration');
    sb.csrf = csrfAus(liste.text);
    expect(sb.csrf).not.toBe('');
    const versucht = await senden(sb, '/steuerung/foerdermittel', { ...BEWILLIGUNG, aktenzeichen: 'SB-1' });
    expect(versucht.status).toBe(403);
    const falsch = await senden(sb, '/steuerung/foerdermittel', { ...BEWILLIGUNG, zuwendungsfaehig: 'x' });
    expect(falsch.status).toBe(403);
  });

  it('a POST without the CSRF token is refused with 403', async () => {
    const admin = await anmelden('nordhausen', 'admin');
    const ohne = await senden(
      admin,
      '/steuerung/foerdermittel',
      { ...BEWILLIGUNG, aktenzeichen: 'OHNE' },
      '',
    );
    expect(ohne.status).toBe(403);
    const liste = await holen(admin, '/steuerung/foerdermittel');
    expect(liste.text).not.toContain('OHNE');
  });

  it('another county’s Bewilligung is 404 on the page and on its expense form', async () => {
    const admin = await anmelden('nordhausen', 'admin');
    admin.csrf = csrfAus((await holen(admin, '/steuerung/foerdermittel')).text);
    expect((await holen(admin, `/steuerung/foerdermittel/${fremdeBewilligung}`)).status).toBe(404);
    expect((await holen(admin, '/steuerung/foerdermittel/keine-id')).status).toBe(404);
    const post = await senden(admin, `/steuerung/foerdermittel/${fremdeBewilligung}/ausgaben`, {
      datum: '2020-03-01',
      betrag: '5',
      kategorie: 'personal',
      text: 'Fremd',
      beleg: '',
    });
    expect(post.status).toBe(404);
    const fremd = await t.request(`/api/v1/steuerung/foerdermittel/${fremdeBewilligung}`, {
      token: await t.tokenFor('wartburgkreis', ['kreis-admin']),
    });
    expect(fremd.json.ausgaben).toEqual([]);
  });

  it('the Kreis-Administration writes the Sachbericht in a plain form; it is audited and in the API, too long is refused in German', async () => {
    const admin = await anmelden('nordhausen', 'admin');
    admin.csrf = csrfAus((await holen(admin, '/steuerung/foerdermittel')).text);
    const b = await senden(admin, '/steuerung/foerdermittel', { ...BEWILLIGUNG, aktenzeichen: 'EG-SB' });
    const id = b.location.split('?')[0]!.split('/').at(-1)!;
    const vorher = await holen(admin, `/steuerung/foerdermittel/${id}`);
    expect(vorher.text).toContain('Noch kein Sachbericht.');
    expect(vorher.text).toContain('Sachbericht bearbeiten');

    const text = 'Die E-Akte ist in allen Ämtern eingeführt <b>fertig</b>.';
    const gespeichert = await senden(admin, `/steuerung/foerdermittel/${id}/sachbericht`, {
      sachbericht: text,
    });
    expect(gespeichert.status).toBe(303);
    const seite = await holen(admin, gespeichert.location);
    expect(seite.text).toContain('Sachbericht gespeichert.');
    expect(seite.text).toContain('eingeführt &lt;b&gt;fertig&lt;/b&gt;.');
    const api = await t.request(`/api/v1/steuerung/foerdermittel/${id}`, {
      token: await t.tokenFor('nordhausen', ['sachbearbeitung']),
    });
    expect(api.json.sachbericht).toBe(text);
    const { rows } = await t.superuser.query(
      `select object_id from audit_events where tenant_id = 'nordhausen' and action = 'steuerung.sachbericht_geaendert'`,
    );
    expect(rows.map((r) => r.object_id)).toContain(id);

    const zuLang = await senden(admin, `/steuerung/foerdermittel/${id}/sachbericht`, {
      sachbericht: 'x'.repeat(20_001),
    });
    expect(zuLang.status).toBe(400);
    expect(zuLang.text).toContain('Sachbericht: höchstens 20.000 Zeichen.');
    expect(zuLang.text).toContain('aria-invalid="true"');
    const api2 = await t.request(`/api/v1/steuerung/foerdermittel/${id}`, {
      token: await t.tokenFor('nordhausen', ['sachbearbeitung']),
    });
    expect(api2.json.sachbericht).toBe(text);
  });

  it('deleting an expense asks first, then removes it and writes the audit chain; Sachbearbeitung and another county cannot', async () => {
    const admin = await anmelden('nordhausen', 'admin');
    admin.csrf = csrfAus((await holen(admin, '/steuerung/foerdermittel')).text);
    const b = await senden(admin, '/steuerung/foerdermittel', { ...BEWILLIGUNG, aktenzeichen: 'EG-DEL' });
    const id = b.location.split('?')[0]!.split('/').at(-1)!;
    for (const betrag of ['250,50', '99'])
      await senden(admin, `/steuerung/foerdermittel/${id}/ausgaben`, {
        datum: '2020-05-04',
        betrag,
        kategorie: 'sachkosten',
        text: `Rechnung ${betrag}`,
        beleg: '',
      });
    const seite = await holen(admin, `/steuerung/foerdermittel/${id}`);
    const link =
      /href="(\/steuerung\/foerdermittel\/[^"]+\/loeschen)" aria-label="Ausgabe vom 04\.05\.2020 über 250,50\s€ löschen"/.exec(
        seite.text,
      )?.[1];
    expect(link).toBeDefined();

    const frage = await holen(admin, link!);
    expect(frage.status).toBe(200);
    expect(frage.text).toContain('Ausgabe löschen?');
    expect(frage.text).toContain('Abbrechen');
    expect(frage.text).toContain('Rechnung 250,50');

    const sb = await anmelden('nordhausen', 'sachbearbeitung');
    sb.csrf = csrfAus((await holen(sb, '/steuerung/foerdermittel')).text);
    expect((await holen(sb, `/steuerung/foerdermittel/${id}`)).text).not.toContain('/loeschen');
    expect((await holen(sb, link!)).status).toBe(403);
    expect((await senden(sb, link!, {})).status).toBe(403);
    expect((await senden(admin, link!, {}, '')).status).toBe(403);

    const wak = await anmelden('wartburgkreis', 'admin');
    wak.csrf = csrfAus((await holen(wak, '/steuerung/foerdermittel')).text);
    expect((await holen(wak, link!)).status).toBe(404);
    expect((await senden(wak, link!, {})).status).toBe(404);

    const geloescht = await senden(admin, link!, {});
    expect(geloescht.status).toBe(303);
    const danach = await holen(admin, geloescht.location);
    expect(danach.text).toMatch(/Ausgabe vom 04\.05\.2020 über 250,50\s€ gelöscht\./);
    expect(danach.text).not.toContain('Rechnung 250,50');
    expect(danach.text).toContain('Rechnung 99');
    const api = await t.request(`/api/v1/steuerung/foerdermittel/${id}`, {
      token: await t.tokenFor('nordhausen', ['sachbearbeitung']),
    });
    expect(api.json.summe.ausgaben).toBe(99);
    const { rows } = await t.superuser.query(
      `select data from audit_events where tenant_id = 'nordhausen' and action = 'steuerung.ausgabe_geloescht' and object_id = $1`,
      [id],
    );
    expect(rows).toHaveLength(1);
    expect((await holen(admin, link!)).status).toBe(404);
  });
});
