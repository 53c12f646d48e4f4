import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';

let t: TestContext;
let admin: string;
let clerk: string;
let year: number;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.tokenFor('unstrut-hainich-kreis');
  clerk = await t.tokenFor('unstrut-hainich-kreis', ['sachbearbeitung']);
  year = new Date().getFullYear();
});
afterAll(() => t.close());

const post = (path: string, json: unknown, token = admin) => t.request(`/api/v1${path}`, { token, json });

describe('Gremien and Vorlagen of a county', () => {
  let kreistag: string;

  it('creates the Kreistag and refuses a second body with the same abbreviation (409, German)', async () => {
    const created = await post('/gremien', { name: 'Kreistag', kuerzel: 'KT', art: 'kreistag', sitze: 46 });
    expect(created.status).toBe(201);
    kreistag = created.json.id;
    const again = await post('/gremien', { name: 'Noch ein Kreistag', kuerzel: 'KT', art: 'kreistag' });
    expect(again.status).toBe(409);
    expect(again.json.detailDe).toContain('Das Kürzel „KT“ hat schon ein anderes Gremium');
    expect((await post('/gremien', { name: 'Ohne Recht', kuerzel: 'OR', art: 'beirat' }, clerk)).status).toBe(
      403,
    );
  });

  it('numbers Vorlagen by the county template, without gaps and unique under 25 concurrent creations', async () => {
    const bad = await t.request('/api/v1/drucksachen-nummern', {
      method: 'PUT',
      token: admin,
      json: { vorlage: 'KT/{nr}' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.detailDe).toContain('Unbekannter Platzhalter {nr}');
    const set = await t.request('/api/v1/drucksachen-nummern', {
      method: 'PUT',
      token: admin,
      json: { vorlage: 'KT/{seq:3}/{yyyy}' },
    });
    expect(set.json).toEqual({ vorlage: 'KT/{seq:3}/{yyyy}', beispiel: `KT/001/${year}` });

    const created = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        post('/vorlagen', { betreff: `Vorlage ${i}`, beratungsfolge: [{ gremiumId: kreistag }] }, clerk),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(Array(25).fill(201));
    const numbers = created.map((r) => r.json.drucksachenNr as string).sort();
    expect(numbers).toEqual(
      Array.from({ length: 25 }, (_, i) => `KT/${String(i + 1).padStart(3, '0')}/${year}`),
    );
  });

  it('gives no number away to a creation that fails: the next one closes the row', async () => {
    const failed = await post('/vorlagen', {
      betreff: 'Mit unbekanntem Gremium',
      beratungsfolge: [{ gremiumId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(failed.status).toBe(422);
    expect(failed.json.detailDe).toContain('Gremium, das es im Landkreis nicht gibt');
    const next = await post('/vorlagen', { betreff: 'Die nächste' });
    expect(next.json.drucksachenNr).toBe(`KT/026/${year}`);
  });

  it('goes Entwurf → Freigabe by the Leitung → Veröffentlichung, and freezes the number then', async () => {
    const vorlage = await post('/vorlagen', {
      betreff: '1. Änderung der Zweckvereinbarung über die Zusammenarbeit',
      einreicher: 'Verwaltung',
      einreichung: '2020-05-27',
      beschlussvorschlag: 'Der Kreistag möge beschließen: …',
      beratungsfolge: [{ gremiumId: kreistag, datum: '2020-06-24', zustaendigkeit: 'entscheidung' }],
    });
    expect(vorlage.json).toMatchObject({
      status: 'entwurf',
      beratungsfolge: [{ position: 1, kuerzel: 'KT', datum: '2020-06-24', zustaendigkeit: 'entscheidung' }],
    });
    const id = vorlage.json.id;
    // The number may be set by hand before publication (here: the source document's), unique per county.
    const renumbered = await t.request(`/api/v1/vorlagen/${id}`, {
      method: 'PATCH',
      token: admin,
      json: { drucksachenNr: 'KT/103/2020' },
    });
    expect(renumbered.json.drucksachenNr).toBe('KT/103/2020');
    const taken = await t.request(`/api/v1/vorlagen/${id}`, {
      method: 'PATCH',
      token: admin,
      json: { drucksachenNr: `KT/001/${year}` },
    });
    expect(taken.status).toBe(409);
    expect(taken.json.detailDe).toContain(`„KT/001/${year}“ trägt schon eine andere Vorlage`);

    expect((await post(`/vorlagen/${id}/veroeffentlichung`, {})).status).toBe(409);
    const byClerk = await post(`/vorlagen/${id}/freigabe`, {}, clerk);
    expect(byClerk.status).toBe(403);
    expect(byClerk.json.detailDe).toBe('Eine Vorlage freigeben darf nur die Leitung.');
    expect((await post(`/vorlagen/${id}/freigabe`, {})).json.status).toBe('freigegeben');
    // A change after the Freigabe takes it back.
    const changed = await t.request(`/api/v1/vorlagen/${id}`, {
      method: 'PATCH',
      token: clerk,
      json: { begruendung: 'Ergänzt' },
    });
    expect(changed.json).toMatchObject({ status: 'entwurf', freigegebenVon: null });
    expect((await post(`/vorlagen/${id}/freigabe`, {})).status).toBe(200);
    const published = await post(`/vorlagen/${id}/veroeffentlichung`, {});
    expect(published.json.status).toBe('veroeffentlicht');
    expect(published.json.veroeffentlichtAm).toBeTruthy();

    const frozen = await t.request(`/api/v1/vorlagen/${id}`, {
      method: 'PATCH',
      token: admin,
      json: { drucksachenNr: 'KT/999/2020' },
    });
    expect(frozen.status).toBe(409);
    expect(frozen.json.detailDe).toBe(
      'Die Drucksachen-Nr. einer veröffentlichten Vorlage ist unveränderlich.',
    );
    // The database refuses it too, whoever writes.
    await expect(
      t.superuser.query(`update vorlagen set drucksachen_nr = 'KT/998/2020' where id = $1`, [id]),
    ).rejects.toThrow(/unveränderlich/);

    const audit = await t.superuser.query(
      `select action from audit_events where object_id = $1 order by seq`,
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'gremien.vorlage_angelegt',
      'gremien.vorlage_geaendert',
      'gremien.vorlage_freigegeben',
      'gremien.vorlage_geaendert',
      'gremien.vorlage_freigegeben',
      'gremien.vorlage_veroeffentlicht',
    ]);
  });

  it('lists the newest first, by state, and validates input with German messages', async () => {
    const list = await t.request('/api/v1/vorlagen?status=veroeffentlicht', { token: clerk });
    expect(list.json.total).toBe(1);
    expect(list.json.items[0].drucksachenNr).toBe('KT/103/2020');
    const empty = await post('/vorlagen', { betreff: '' });
    expect(empty.status).toBe(400);
    const badDate = await post('/vorlagen', { betreff: 'x', einreichung: '27.05.2020' });
    expect(badDate.status).toBe(400);
    expect(JSON.stringify(badDate.json)).toContain('Datum im Format JJJJ-MM-TT');
  });
});
