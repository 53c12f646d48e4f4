import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { drainJobs } from '../../../../test/support/jobs.ts';
import { flashOf, getPage, postForm, type Session, sessionOf } from '../../gremien/ui/gremien-ui.fixture.ts';

const LETTER = [
  'Landratsamt Unstrut-Hainich-Kreis',
  'Lindenbühl 28/29, 99974 Mühlhausen',
  'Mühlhausen, den 24. Juni 2020',
  'Betreff: Drucksache KT/103/2020 und Beschluss KT/065-03/19',
  'Bitte überweisen Sie 143.000,00 EUR auf DE89 3704 0044 0532 0130 00.',
].join('\n');

/** A PNG header of 50,000 × 50,000 pixels in a few bytes: refused before decoding, with a reason. */
function hugePng() {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(50_000, 0);
  ihdr.writeUInt32BE(50_000, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(100))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let t: TestContext;
let clerk: Session;
let reader: Session;
let fremd: Session;
let id: string;
let scanId: string;
beforeAll(async () => {
  t = await createTestContext();
  const token = await t.tokenFor('unstrut-hainich-kreis', ['sachbearbeitung']);
  const akte = await t.request('/api/v1/akten', { token, json: { titel: 'Eingänge', aktenplan: '00.20' } });
  const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
    token,
    json: { betreff: 'Post' },
  });
  const upload = async (name: string, body: Blob) => {
    const form = new FormData();
    form.set('datei', body, name);
    return (await t.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, { token, body: form })).json.id;
  };
  id = await upload('brief.txt', new Blob([LETTER], { type: 'text/plain' }));
  scanId = await upload('riesig.png', new Blob([hugePng()], { type: 'image/png' }));
  await drainJobs(t);
  clerk = await sessionOf(t, 'unstrut-hainich-kreis', 'sachbearbeitung');
  reader = await sessionOf(t, 'unstrut-hainich-kreis', 'lesen');
  fremd = await sessionOf(t, 'nordhausen', 'sachbearbeitung');
});
afterAll(() => t?.close());

describe('OCR and suggestions on the document page', () => {
  it('shows each metadata suggestion with the text around its source position and an "Übernehmen" for those who may write', async () => {
    const page = await getPage(t, clerk, `/dokumente/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Texterkennung und Vorschläge');
    expect(page.html).toContain('Keine Texterkennung: das Dokument ist kein Scan');
    expect(page.html).toContain('Briefdatum</td><td class="kern-table__cell">24.06.2020');
    expect(page.html).toContain('<mark>24. Juni 2020</mark>');
    expect(page.html).toContain('<mark>KT/103/2020</mark>');
    expect(page.html).toContain('143.000,00');
    expect(page.html).toContain('Übernehmen</span><span class="kern-sr-only">: Briefdatum 24.06.2020</span>');
    expect(page.html).toContain('Ablagevorschlag');
    const readOnly = await getPage(t, reader, `/dokumente/${id}`);
    expect(readOnly.html).toContain('<mark>24. Juni 2020</mark>');
    expect(readOnly.html).not.toContain('>Übernehmen<');
  });

  it('"Übernehmen" writes the confirmed value through the E-Akte (audited); refused values, readers and missing CSRF change nothing', async () => {
    const datum = await postForm(t, clerk, `/posteingang/dokumente/${id}/metadaten`, {
      feld: 'datum',
      wert: '2020-06-24',
    });
    expect(datum.status).toBe(303);
    expect(flashOf(datum.location).ok).toBe('Übernommen: Briefdatum „2020-06-24“.');
    await postForm(t, clerk, `/posteingang/dokumente/${id}/metadaten`, {
      feld: 'Drucksache',
      wert: 'KT/103/2020',
    });
    await postForm(t, clerk, `/posteingang/dokumente/${id}/metadaten`, {
      feld: 'absender',
      wert: 'Landratsamt Unstrut-Hainich-Kreis',
    });
    const token = await t.tokenFor('unstrut-hainich-kreis', ['kreis-admin']);
    const dokument = (await t.request(`/api/v1/dokumente/${id}`, { token })).json;
    expect(dokument).toMatchObject({ datum: '2020-06-24', absender: 'Landratsamt Unstrut-Hainich-Kreis' });
    expect(dokument.metadaten).toContainEqual({ name: 'Drucksache', typ: 'text', wert: 'KT/103/2020' });
    const audit = await t.request(`/api/v1/audit?objectId=${id}`, { token });
    expect(JSON.stringify(audit.json)).toContain('records.dokument_updated');

    const unknown = await postForm(t, clerk, `/posteingang/dokumente/${id}/metadaten`, {
      feld: 'Passwort',
      wert: 'x',
    });
    expect(flashOf(unknown.location).fehler).toBe(
      'Dieser Vorschlag lässt sich nicht übernehmen (unbekanntes Feld oder ungültiger Wert).',
    );
    const badDate = await postForm(t, clerk, `/posteingang/dokumente/${id}/metadaten`, {
      feld: 'datum',
      wert: '31.02.2020',
    });
    expect(flashOf(badDate.location).fehler).toBeTruthy();
    const byReader = await postForm(t, reader, `/posteingang/dokumente/${id}/metadaten`, {
      feld: 'Beschluss',
      wert: 'KT/065-03/19',
    });
    expect(byReader.status).toBe(303);
    expect(flashOf(byReader.location).fehler).toMatch(/lesen|Leserecht|ändern/i);
    const noCsrf = await postForm(
      t,
      clerk,
      `/posteingang/dokumente/${id}/metadaten`,
      { feld: 'Beschluss', wert: 'KT/065-03/19' },
      { csrf: false },
    );
    expect(noCsrf.status).toBe(403);
    const after = (await t.request(`/api/v1/dokumente/${id}`, { token })).json;
    expect(JSON.stringify(after.metadaten)).not.toContain('KT/065-03/19');
  });

  it('the Dokumentart of a suggestion is taken over; another county gets 404 and changes nothing', async () => {
    const art = await postForm(t, clerk, `/posteingang/dokumente/${id}/ablage`, { art: 'ausgang' });
    expect(flashOf(art.location).ok).toBe('Dokumentart übernommen.');
    const token = await t.tokenFor('unstrut-hainich-kreis', ['kreis-admin']);
    expect((await t.request(`/api/v1/dokumente/${id}`, { token })).json.art).toBe('ausgang');
    const wrong = await postForm(t, clerk, `/posteingang/dokumente/${id}/ablage`, { art: 'geheim' });
    expect(flashOf(wrong.location).fehler).toContain('lässt sich nicht übernehmen');
    expect((await postForm(t, fremd, `/posteingang/dokumente/${id}/ablage`, { art: 'intern' })).status).toBe(
      404,
    );
    expect(
      (
        await postForm(t, fremd, `/posteingang/dokumente/${id}/metadaten`, {
          feld: 'datum',
          wert: '2021-01-01',
        })
      ).status,
    ).toBe(404);
    expect((await getPage(t, fremd, `/dokumente/${id}`)).status).toBe(404);
    expect((await t.request(`/api/v1/dokumente/${id}`, { token })).json).toMatchObject({
      art: 'ausgang',
      datum: '2020-06-24',
    });
  });

  it('"In vorgeschlagenen Vorgang verschieben" moves a misfiled letter into the Vorgang whose Zeichen it cites (audited); readers see no button, another county gets 404', async () => {
    const token = await t.tokenFor('unstrut-hainich-kreis', ['sachbearbeitung']);
    const akte = await t.request('/api/v1/akten', {
      token,
      json: { titel: 'Baugenehmigungen', aktenplan: '00.20' },
    });
    const ziel = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token,
      json: {
        betreff: 'Baugenehmigung Einfamilienhaus – Schneider, Mühlhausen',
        externeReferenz: '07.10-0042/2026',
      },
    });
    // The model knows the new Vorgang by its own Betreff and Zeichen, before anything is filed in it.
    await t.services.ablagevorschlaege.learn('unstrut-hainich-kreis');
    const form = new FormData();
    const brief =
      'Ihr Zeichen: 07.10-0042/2026\nBetreff: Baugenehmigung Einfamilienhaus\nAnbei die Statik. Schneider';
    form.set('datei', new Blob([brief], { type: 'text/plain' }), 'nachreichung.txt');
    const post = (await t.request(`/api/v1/dokumente/${id}`, { token })).json.vorgangId;
    const misfiled = (await t.request(`/api/v1/vorgaenge/${post}/dokumente`, { token, body: form })).json.id;
    await drainJobs(t);
    // The learner has taken the letter in where it lies; its own suggestion is made without it.
    await t.services.ablagevorschlaege.learn('unstrut-hainich-kreis');
    // A process holding an older classifier answers once from it while the new one loads.
    await t.services.ablagevorschlaege.suggest({ tenantId: 'unstrut-hainich-kreis', text: brief });
    await t.services.ablagevorschlaege.cache.settled();
    const page = await getPage(t, clerk, `/dokumente/${misfiled}`);
    expect(page.html).toContain('07.10-0042/2026');
    expect(page.html).toContain('In vorgeschlagenen Vorgang verschieben');
    expect((await getPage(t, reader, `/dokumente/${misfiled}`)).html).not.toContain('verschieben</span>');
    const action = `/posteingang/dokumente/${misfiled}/verschieben`;
    expect((await postForm(t, fremd, action, { vorgang: ziel.json.id })).status).toBe(404);
    const byReader = await postForm(t, reader, action, { vorgang: ziel.json.id });
    expect(flashOf(byReader.location).fehler).toBeTruthy();
    const moved = await postForm(t, clerk, action, { vorgang: ziel.json.id });
    expect(moved.status).toBe(303);
    expect(flashOf(moved.location).ok).toBe(
      `In den Vorgang „Baugenehmigung Einfamilienhaus – Schneider, Mühlhausen“ (${akte.json.aktenzeichen}) verschoben.`,
    );
    expect((await t.request(`/api/v1/dokumente/${misfiled}`, { token })).json.vorgangId).toBe(ziel.json.id);
    const admin = await t.tokenFor('unstrut-hainich-kreis', ['kreis-admin']);
    const audit = await t.request(`/api/v1/audit?objectId=${misfiled}`, { token: admin });
    expect(JSON.stringify(audit.json)).toContain('records.dokument_verschoben');
    const after = await getPage(t, clerk, `/dokumente/${misfiled}`);
    expect(after.html).toContain('so abgelegt');
    expect(after.html).not.toContain('In vorgeschlagenen Vorgang verschieben');
  });

  it('a scan shows its OCR status per version with the German reason', async () => {
    const page = await getPage(t, clerk, `/dokumente/${scanId}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('OCR fehlgeschlagen');
    expect(page.html).toContain('Das Bild ist zu groß für die Texterkennung (50.000 × 50.000 Bildpunkte');
    expect(page.html).toContain('Ohne erkannten Text gibt es keinen Ablagevorschlag.');
  });
});
