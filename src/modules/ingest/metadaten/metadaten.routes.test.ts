import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { drainJobs } from '../../../../test/support/jobs.ts';

const LETTER = [
  'Landratsamt Unstrut-Hainich-Kreis',
  'Lindenbühl 28/29, 99974 Mühlhausen',
  'Ihr Schreiben vom 03.06.2020, Unser Zeichen 00.20-0001/2020',
  'Mühlhausen, den 24. Juni 2020',
  'Betreff: Drucksache KT/103/2020 und Beschluss KT/065-03/19',
  'Bitte überweisen Sie 143.000,00 EUR bis zum 31.12.2020 auf DE89 3704 0044 0532 0130 00.',
].join('\n');

describe('metadata suggestions from the text, confirmed by the user (API)', () => {
  let t: TestContext;
  let token: string;
  let id: string;
  beforeAll(async () => {
    t = await createTestContext();
    token = await t.tokenFor('unstrut-hainich-kreis', ['sachbearbeitung']);
    const akte = await t.request('/api/v1/akten', { token, json: { titel: 'Eingänge', aktenplan: '00.20' } });
    const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token,
      json: { betreff: 'Post' },
    });
    const form = new FormData();
    form.set('datei', new Blob([LETTER], { type: 'text/plain' }), 'brief.txt');
    const uploaded = await t.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, { token, body: form });
    id = uploaded.json.id;
    await drainJobs(t);
  });
  afterAll(() => t?.close());

  it('suggests the letter date, other dates, references, sender, IBAN and amount with their positions', async () => {
    const response = await t.request(`/api/v1/dokumente/${id}/metadaten-vorschlaege`, { token });
    expect(response.status).toBe(200);
    const s = response.json;
    expect(s.briefdatum).toMatchObject({ wert: '2020-06-24', text: '24. Juni 2020' });
    expect(LETTER.slice(s.briefdatum.von, s.briefdatum.bis)).toBe('24. Juni 2020');
    expect(s.daten.map((d: { wert: string }) => d.wert)).toEqual(['2020-06-03', '2020-12-31']);
    expect(s.absender.wert).toBe('Landratsamt Unstrut-Hainich-Kreis');
    expect(s.aktenzeichen.map((a: { wert: string }) => a.wert)).toEqual(['00.20-0001/2020']);
    expect(s.drucksachen[0].wert).toBe('KT/103/2020');
    expect(s.beschluesse[0].wert).toBe('KT/065-03/19');
    expect(s.ibans[0].wert).toBe('DE89370400440532013000');
    expect(s.betraege[0].wert).toBe(14_300_000);
  });

  it('writes only what the user confirms, audited, and refuses unknown fields', async () => {
    const confirmed = await t.request(`/api/v1/dokumente/${id}/metadaten-vorschlaege`, {
      token,
      json: {
        datum: '2020-06-24',
        absender: 'Landratsamt Unstrut-Hainich-Kreis',
        felder: [{ name: 'Drucksache', wert: 'KT/103/2020' }],
      },
    });
    expect(confirmed.status).toBe(200);
    const dokument = (await t.request(`/api/v1/dokumente/${id}`, { token })).json;
    expect(dokument.datum).toBe('2020-06-24');
    expect(dokument.absender).toBe('Landratsamt Unstrut-Hainich-Kreis');
    expect(dokument.metadaten).toContainEqual({ name: 'Drucksache', typ: 'text', wert: 'KT/103/2020' });
    const audit = await t.request(`/api/v1/audit?objectId=${id}`, {
      token: await t.tokenFor('unstrut-hainich-kreis', ['kreis-admin']),
    });
    expect(JSON.stringify(audit.json)).toContain('records.dokument_updated');
    const bad = await t.request(`/api/v1/dokumente/${id}/metadaten-vorschlaege`, {
      token,
      json: { felder: [{ name: 'Passwort', wert: 'x' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const badDate = await t.request(`/api/v1/dokumente/${id}/metadaten-vorschlaege`, {
      token,
      json: { felder: [{ name: 'Datum', wert: '24.06.2020' }] },
    });
    expect(badDate.status).toBe(400);
  });
});
