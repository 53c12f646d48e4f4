import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';
import { bewohnerparkenDaten } from '../../../test/support/ozg.ts';
import { DEMO_PASSWORD } from '../../demo/verbund.seed.ts';

let t: TestContext;
let token: string;
let vorgangId: string;
beforeAll(async () => {
  t = await createTestContext();
  token = await t.tokenFor('nordhausen');
  const akte = await t.request('/api/v1/akten', { token, json: { titel: 'Hygiene' } });
  const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
    token,
    json: { betreff: 'Hygiene' },
  });
  vorgangId = vorgang.json.id;
});
afterAll(() => t.close());

const RLO = '\u202e';

function upload(fields: Record<string, string>, fileName = 'brief.txt') {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.set('datei', new Blob([`Inhalt ${Math.random()}`]), fileName);
  return t.request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, { token, body: form });
}

const documentNames = async () =>
  (await t.request(`/api/v1/vorgaenge/${vorgangId}/dokumente?limit=200`, { token })).json.items.map(
    (d: { dateiname: string }) => d.dateiname,
  );

/** A multipart body written by hand, for bytes FormData would not send (invalid UTF-8). */
function rawMultipart(
  parts: Array<{ name: string; value: Uint8Array | string; fileName?: string; fileNameStar?: string }>,
) {
  const boundary = 'verbundhygiene';
  const chunks: Uint8Array[] = [];
  const text = (s: string) => chunks.push(new TextEncoder().encode(s));
  for (const part of parts) {
    text(
      `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${part.fileName ? `; filename="${part.fileName}"` : ''}${part.fileNameStar ? `; filename*=UTF-8''${part.fileNameStar}` : ''}\r\n\r\n`,
    );
    if (typeof part.value === 'string') text(part.value);
    else chunks.push(part.value);
    text('\r\n');
  }
  text(`--${boundary}--\r\n`);
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function startPortalDraft() {
  const started = await t.app.request('/portal/leistungen/bewohnerparkausweis/antrag', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'gemeinde=16062041',
  });
  expect(started.status).toBe(303);
  return started.headers.get('location')!;
}

async function staffSession() {
  const page = await t.app.request('/anmelden');
  const loginCookie = page.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const response = await t.app.request('/anmelden', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
    body: new URLSearchParams({
      _csrf: csrf,
      tenant: 'nordhausen',
      login: 'sachbearbeitung',
      password: DEMO_PASSWORD,
    }).toString(),
  });
  expect(response.status).toBe(303);
  return response.headers
    .getSetCookie()
    .find((c) => c.startsWith('verbund_session='))!
    .split(';')[0]!;
}

describe('text hygiene', () => {
  it('a NUL byte in a multipart field of an upload is refused with 400, not a 500, and nothing is stored', async () => {
    const before = await documentNames();
    const refused = await upload({ titel: 'Rechnung\u0000Anhang' }, 'nul.txt');
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({
      code: 'request.control_characters',
      detailDe: 'Die Eingabe enthält unzulässige Steuerzeichen.',
    });
    expect(await documentNames()).toEqual(before);
  });

  it('a NUL byte in a portal form field is refused with 400, not a 500', async () => {
    const urlencoded = await t.app.request('/portal/leistungen/bewohnerparkausweis/antrag', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: 'gemeinde=16062041%00',
    });
    expect(urlencoded.status).toBe(400);
    // The citizen gets the portal's error page, not the staff frame.
    const page400 = await urlencoded.text();
    expect(page400).toContain('Die Eingabe enthält unzulässige Steuerzeichen.');
    expect(page400).toContain('Zur Übersicht der Leistungen');
    const page = await startPortalDraft();
    const form = new FormData();
    form.set('G05000496.F05000059', 'Mül\u0000ler');
    form.set('aktion', 'weiter');
    const multipart = await t.app.request(page, {
      method: 'POST',
      body: form,
      headers: { accept: 'text/html' },
    });
    expect(multipart.status).toBe(400);
    expect(await multipart.text()).toContain('Die Eingabe enthält unzulässige Steuerzeichen.');
  });

  it('control characters in JSON text fields are refused; tab, line feed and carriage return are fine', async () => {
    const bell = await t.request('/api/v1/akten', { token, json: { titel: 'Akte\u0007' } });
    expect(bell.status).toBe(400);
    expect(bell.json).toMatchObject({ code: 'request.control_characters', errors: [{ path: 'titel' }] });
    const ansi = await t.request(`/api/v1/vorgaenge/${vorgangId}`, {
      method: 'PATCH',
      token,
      json: { betreff: 'Vorgang \u001b[31m rot' },
    });
    expect(ansi.status).toBe(400);
    expect(ansi.json.code).toBe('request.control_characters');
    const lines = await t.request('/api/v1/akten', { token, json: { titel: 'Zeile 1\r\n\tZeile 2' } });
    expect(lines.status).toBe(201);
  });

  it('invalid UTF-8 is refused with 400 in JSON bodies, forms, multipart fields and query strings', async () => {
    const json = await t.app.request('/api/v1/akten', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: Buffer.concat([Buffer.from('{"titel":"Akte '), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    });
    expect(json.status).toBe(400);
    expect((await json.json()).code).toBe('request.invalid_utf8');
    const form = await t.app.request('/portal/leistungen/bewohnerparkausweis/antrag', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'gemeinde=%FF%FE',
    });
    expect(form.status).toBe(400);
    const { body, contentType } = rawMultipart([
      { name: 'titel', value: Buffer.from([0x41, 0xc3, 0x28]) },
      { name: 'datei', value: 'Inhalt', fileName: 'kaputt.txt' },
    ]);
    const multipart = await t.request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, {
      token,
      body,
      headers: { 'content-type': contentType },
    });
    expect(multipart.status).toBe(400);
    expect(multipart.json.code).toBe('request.invalid_utf8');
    const query = await t.request('/api/v1/suche?q=%FF', { token });
    expect(query.status).toBe(400);
    expect(query.json.code).toBe('request.invalid_utf8');
  });

  it('a NUL byte in a query string or path is refused with 400', async () => {
    const search = await t.request('/api/v1/suche?q=Bau%00antrag', { token });
    expect(search.status).toBe(400);
    expect(search.json.code).toBe('request.control_characters');
    const tracking = await t.app.request('/portal/status?code=16062%00');
    expect(tracking.status).toBe(400);
    const inPath = await t.app.request('/portal/status/16062%00abc');
    expect(inPath.status).toBe(400);
  });

  it('"rechnung\\u202Efdp.exe" is stored as "rechnungfdp.exe" and served and shown without the override', async () => {
    const created = await upload({}, `rechnung${RLO}fdp.exe`);
    expect(created.status).toBe(201);
    expect(created.json.dateiname).toBe('rechnungfdp.exe');
    const { rows } = await t.superuser.query(
      `select dateiname from dokument_versionen where dokument_id = $1`,
      [created.json.id],
    );
    expect(rows.map((r) => r.dateiname)).toEqual(['rechnungfdp.exe']);
    const content = await t.app.request(`/api/v1/dokumente/${created.json.id}/inhalt`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(content.headers.get('content-disposition')).toContain("filename*=UTF-8''rechnungfdp.exe");
    // The staff page shows the cleaned name.
    const cookie = await staffSession();
    const page = await t.app.request(`/vorgaenge/${vorgangId}`, { headers: { cookie } });
    const html = await page.text();
    expect(html).toContain('rechnungfdp.exe');
    expect(html).not.toContain(RLO);
    // Every kind of bidirectional control goes, in a new version too.
    const form = new FormData();
    form.set('datei', new Blob(['v2']), `\u2066a\u200eb\u200fc\u061cd\u202ae\u2069.txt`);
    const version = await t.request(`/api/v1/dokumente/${created.json.id}/versionen`, { token, body: form });
    expect(version.status).toBe(201);
    expect(version.json.dateiname).toBe('abcde.txt');
  });

  it('Antrag attachments and documents sent in later through the portal lose bidirectional controls too', async () => {
    const form = new FormData();
    form.set('leistung', 'bewohnerparkausweis');
    form.set('gemeinde', '16062041');
    form.set('daten', JSON.stringify(bewohnerparkenDaten()));
    form.append('datei', new Blob(['Fahrzeugschein']), `fahrzeugschein${RLO}fdp.exe`);
    const created = await t.request('/api/v1/antraege', { token, body: form });
    expect(created.status).toBe(201);
    const nach = await t.request(`/api/v1/antraege/${created.json.id}/status`, {
      token,
      json: { status: 'nachforderung', nachricht: 'Bitte die Zulassung nachreichen.' },
    });
    expect(nach.status).toBe(200);
    const later = new FormData();
    later.append('datei', new Blob(['Zulassung']), `zulassung${RLO}fdp.exe`);
    later.set('hinweis', 'Anbei');
    const sent = await t.app.request(`/portal/status/${created.json.trackingCode}/nachreichen`, {
      method: 'POST',
      body: later,
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toContain('ok=');
    const antrag = await t.request(`/api/v1/antraege/${created.json.id}`, { token });
    const names = antrag.json.anlagen.map((a: { dateiname: string }) => a.dateiname);
    expect(names).toEqual(expect.arrayContaining(['fahrzeugscheinfdp.exe', 'zulassungfdp.exe']));
    expect(names.join('')).not.toContain(RLO);
    // Control characters in a file name are removed as well (the name is no text field to refuse).
    // Raw in a part header the parser refuses them as malformed; percent-encoded (RFC 5987) they
    // would pass.
    const nul = rawMultipart([
      { name: 'leistung', value: 'bewohnerparkausweis' },
      { name: 'gemeinde', value: '16062041' },
      { name: 'daten', value: JSON.stringify(bewohnerparkenDaten()) },
      { name: 'datei', value: 'Fahrzeugschein', fileNameStar: 'fahrzeug%00schein%07.txt' },
    ]);
    const withNul = await t.request('/api/v1/antraege', {
      token,
      body: nul.body,
      headers: { 'content-type': nul.contentType },
    });
    expect(withNul.status).toBe(201);
    const nulAntrag = await t.request(`/api/v1/antraege/${withNul.json.id}`, { token });
    expect(nulAntrag.json.anlagen.map((a: { dateiname: string }) => a.dateiname)).toContain(
      'fahrzeugschein.txt',
    );
    // A JSON field inside the form may not smuggle a NUL byte either.
    const smuggled = new FormData();
    smuggled.set('leistung', 'bewohnerparkausweis');
    smuggled.set('gemeinde', '16062041');
    smuggled.set('daten', JSON.stringify(bewohnerparkenDaten({ F05001344: '01\u0000' })));
    const refused = await t.request('/api/v1/antraege', { token, body: smuggled });
    expect(refused.status).toBe(400);
    expect(refused.json.code).toBe('request.control_characters');
  });
});
