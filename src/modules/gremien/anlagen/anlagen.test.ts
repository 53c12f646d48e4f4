import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';

let t: TestContext;
let admin: string;
let reader: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.tokenFor('unstrut-hainich-kreis');
  reader = await t.tokenFor('unstrut-hainich-kreis', ['lesen']);
});
afterAll(() => t.close());

const upload = (
  vorlageId: string,
  fields: Record<string, string>,
  content = 'Inhalt der Anlage',
  token = admin,
) => {
  const form = new FormData();
  form.set('datei', new File([content], 'Zweckvereinbarung Änderung.txt', { type: 'text/plain' }));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return t.request(`/api/v1/vorlagen/${vorlageId}/anlagen`, { token, body: form });
};

describe('the Akte and the Anlagen of a Vorlage', () => {
  let vorlage: { id: string; akteId: string; drucksachenNr: string };

  it('creates each Vorlage with its own Akte in the unit for council papers, in the same transaction', async () => {
    const created = await t.request('/api/v1/vorlagen', {
      token: admin,
      json: { betreff: '1. Änderung der Zweckvereinbarung', einreicher: 'Verwaltung' },
    });
    expect(created.status).toBe(201);
    vorlage = created.json;
    expect(vorlage.akteId).toMatch(/^[0-9a-f-]{36}$/);
    const akte = await t.request(`/api/v1/akten/${vorlage.akteId}`, { token: admin });
    expect(akte.status).toBe(200);
    expect(akte.json.titel).toBe(`Vorlage ${vorlage.drucksachenNr}: 1. Änderung der Zweckvereinbarung`);
    expect(akte.json.aktenzeichen).toMatch(/^00\.10\.01-/);
    // The creation is audited with its Akte; a failed creation leaves no Akte behind.
    const before = await t.superuser.query(
      `select count(*)::int as n from akten where tenant_id = 'unstrut-hainich-kreis'`,
    );
    const failed = await t.request('/api/v1/vorlagen', {
      token: admin,
      json: { betreff: 'Scheitert', beratungsfolge: [{ gremiumId: '00000000-0000-4000-8000-000000000000' }] },
    });
    expect(failed.status).toBe(422);
    const after = await t.superuser.query(
      `select count(*)::int as n from akten where tenant_id = 'unstrut-hainich-kreis'`,
    );
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('files an uploaded Anlage as a Dokument of the Vorlage Akte and lists the Anlagen in order', async () => {
    const first = await upload(
      vorlage.id,
      { titel: 'Zweckvereinbarung (Fassung 2019)' },
      'Zweckvereinbarung 2019',
    );
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      titel: 'Zweckvereinbarung (Fassung 2019)',
      oeffentlich: true,
      position: 1,
    });
    const second = await upload(vorlage.id, { oeffentlich: 'false' }, 'Vertraulicher Kostenschlüssel');
    expect(second.json).toMatchObject({
      titel: 'Zweckvereinbarung Änderung.txt',
      oeffentlich: false,
      position: 2,
    });

    const dokument = await t.request(`/api/v1/dokumente/${first.json.dokumentId}`, { token: admin });
    expect(dokument.status).toBe(200);
    expect(dokument.json.akteId).toBe(vorlage.akteId);
    const hidden = await t.request(`/api/v1/dokumente/${second.json.dokumentId}`, { token: admin });
    expect(hidden.json.vertraulichkeit).toBe('intern');

    const list = await t.request(`/api/v1/vorlagen/${vorlage.id}/anlagen`, { token: reader });
    expect(list.json.items.map((a: { position: number; titel: string }) => [a.position, a.titel])).toEqual([
      [1, 'Zweckvereinbarung (Fassung 2019)'],
      [2, 'Zweckvereinbarung Änderung.txt'],
    ]);
  });

  it('downloads an Anlage with its name (umlauts kept per RFC 6266) and its hash as ETag', async () => {
    const list = await t.request(`/api/v1/vorlagen/${vorlage.id}/anlagen`, { token: admin });
    const [first] = list.json.items;
    const content = await t.request(`/api/v1/vorlagen/${vorlage.id}/anlagen/${first.id}/inhalt`, {
      token: admin,
    });
    expect(content.status).toBe(200);
    expect(content.text).toBe('Zweckvereinbarung 2019');
    expect(content.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''Zweckvereinbarung%20%C3%84nderung.txt",
    );
    expect(content.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
    const wrongVorlage = await t.request('/api/v1/vorlagen', { token: admin, json: { betreff: 'Andere' } });
    const elsewhere = await t.request(`/api/v1/vorlagen/${wrongVorlage.json.id}/anlagen/${first.id}/inhalt`, {
      token: admin,
    });
    expect(elsewhere.status).toBe(404);
    expect(
      (await t.request(`/api/v1/vorlagen/kaputt/anlagen/${first.id}/inhalt`, { token: admin })).status,
    ).toBe(404);
  });

  it('refuses bad input with German errors: no file, a bad flag, a reader, an unknown Vorlage', async () => {
    const noFile = new FormData();
    noFile.set('titel', 'Ohne Datei');
    const missing = await t.request(`/api/v1/vorlagen/${vorlage.id}/anlagen`, { token: admin, body: noFile });
    expect(missing.status).toBe(400);
    expect(missing.json.detailDe).toContain('keine Datei');
    const bad = await upload(vorlage.id, { oeffentlich: 'vielleicht' });
    expect(bad.status).toBe(400);
    expect(bad.json.detailDe).toContain('„oeffentlich“');
    expect((await upload(vorlage.id, {}, 'x', reader)).status).toBe(403);
    const unknown = await upload('00000000-0000-4000-8000-000000000000', {});
    expect(unknown.status).toBe(404);
    expect(unknown.json.detailDe).toBe('Die Vorlage wurde nicht gefunden.');
  });

  it('makes every Anlage of a nichtöffentliche Vorlage nichtöffentlich and its Akte intern', async () => {
    const geheim = await t.request('/api/v1/vorlagen', {
      token: admin,
      json: { betreff: 'Personalangelegenheit', oeffentlich: false },
    });
    const akte = await t.request(`/api/v1/akten/${geheim.json.akteId}`, { token: admin });
    expect(akte.json.vertraulichkeit).toBe('intern');
    const anlage = await upload(geheim.json.id, { oeffentlich: 'true' });
    expect(anlage.json.oeffentlich).toBe(false);
  });

  it('takes back the Freigabe when an Anlage is added, and freezes the Anlagen once published', async () => {
    await t.request(`/api/v1/vorlagen/${vorlage.id}/freigabe`, { method: 'POST', token: admin });
    await upload(vorlage.id, { titel: 'Nachgereicht' });
    expect((await t.request(`/api/v1/vorlagen/${vorlage.id}`, { token: admin })).json.status).toBe('entwurf');
    await t.request(`/api/v1/vorlagen/${vorlage.id}/freigabe`, { method: 'POST', token: admin });
    const published = await t.request(`/api/v1/vorlagen/${vorlage.id}/veroeffentlichung`, {
      method: 'POST',
      token: admin,
    });
    expect(published.json.status).toBe('veroeffentlicht');
    const late = await upload(vorlage.id, { titel: 'Zu spät' });
    expect(late.status).toBe(409);
    expect(late.json.detailDe).toBe('Die Anlagen einer veröffentlichten Vorlage sind eingefroren.');
    const list = await t.request(`/api/v1/vorlagen/${vorlage.id}/anlagen`, { token: admin });
    expect(list.json.items).toHaveLength(3);
  });
});
