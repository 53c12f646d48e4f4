import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';

// Sample data: the people, Fraktionen and dates below are invented for this test.
let t: TestContext;
let admin: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.tokenFor('kyffhaeuserkreis');
});
afterAll(() => t.close());

const post = (path: string, json: unknown, token = admin) => t.request(`/api/v1${path}`, { token, json });

describe('members of a Gremium', () => {
  it('seats at most as many voting members as the Gremium has seats, each person once at a time', async () => {
    const periode = await post('/wahlperioden', {
      name: '2019–2024',
      beginn: '2019-07-01',
      ende: '2024-06-30',
    });
    expect(periode.status).toBe(201);
    expect((await post('/wahlperioden', { name: '2019–2024', beginn: '2019-07-01' })).status).toBe(409);
    const reversed = await post('/wahlperioden', {
      name: 'Rückwärts',
      beginn: '2024-07-01',
      ende: '2019-06-30',
    });
    expect(reversed.status).toBe(400);
    expect(reversed.json.detailDe).toBe('Das Ende liegt vor dem Beginn.');

    const ausschuss = await post('/gremien', {
      name: 'Jugendhilfeausschuss',
      kuerzel: 'JHA',
      art: 'ausschuss',
      sitze: 2,
    });
    const people = await Promise.all(
      ['Adler', 'Berger', 'Claus', 'Dietz'].map((familienname) =>
        post('/personen', { familienname, vorname: 'Sam' }),
      ),
    );
    const [a, b, c, d] = people.map((p) => p.json.id as string);
    const seat = (personId: string, extra: Record<string, unknown> = {}) =>
      post(`/gremien/${ausschuss.json.id}/mitglieder`, {
        personId,
        wahlperiodeId: periode.json.id,
        von: '2019-07-01',
        bis: '2024-06-30',
        ...extra,
      });
    expect((await seat(a!, { rolle: 'vorsitz', fraktion: 'Fraktion A' })).status).toBe(201);
    expect((await seat(b!, { fraktion: 'Fraktion B' })).status).toBe(201);
    const third = await seat(c!);
    expect(third.status).toBe(422);
    expect(third.json.detailDe).toBe(
      'Jugendhilfeausschuss hat 2 Sitze mit Stimmrecht; in diesem Zeitraum sind alle besetzt.',
    );
    // An advisory member takes no voting seat; a seat freed at the end of a term can be taken after it.
    expect((await seat(c!, { rolle: 'beratend', stimmberechtigt: false })).status).toBe(201);
    expect((await seat(d!, { von: '2024-07-01', bis: null })).status).toBe(201);
    const twice = await seat(a!, { von: '2020-01-01', bis: '2020-12-31' });
    expect(twice.status).toBe(409);
    expect(twice.json.detailDe).toBe('Die Person gehört dem Gremium in diesem Zeitraum schon an.');

    const then = await t.request(`/api/v1/gremien/${ausschuss.json.id}/mitglieder?stichtag=2020-03-01`, {
      token: admin,
    });
    expect(
      then.json.items.map(
        (m: { person: { familienname: string }; rolle: string; fraktion: string | null }) => [
          m.person.familienname,
          m.rolle,
          m.fraktion,
        ],
      ),
    ).toEqual([
      ['Adler', 'vorsitz', 'Fraktion A'],
      ['Berger', 'mitglied', 'Fraktion B'],
      ['Claus', 'beratend', null],
    ]);
    const now = await t.request(`/api/v1/gremien/${ausschuss.json.id}/mitglieder?stichtag=2025-01-01`, {
      token: admin,
    });
    expect(now.json.items.map((m: { person: { familienname: string } }) => m.person.familienname)).toEqual([
      'Dietz',
    ]);
  });

  it('refuses unknown people and Gremien, and leaves membership to the administration', async () => {
    const gremium = await post('/gremien', { name: 'Kreisausschuss', kuerzel: 'KA', art: 'kreisausschuss' });
    const unknown = await post(`/gremien/${gremium.json.id}/mitglieder`, {
      personId: '00000000-0000-4000-8000-000000000000',
      von: '2020-01-01',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.detailDe).toBe('Die Person gibt es im Landkreis nicht.');
    const clerk = await t.tokenFor('kyffhaeuserkreis', ['sachbearbeitung']);
    expect((await post('/personen', { familienname: 'Ohne Recht' }, clerk)).status).toBe(403);
    const missing = await t.request('/api/v1/gremien/00000000-0000-4000-8000-000000000000/mitglieder', {
      token: admin,
    });
    expect(missing.status).toBe(404);
  });
});
