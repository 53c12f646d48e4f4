import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';

// Sample data: members, dates and votes are invented for this test.
let t: TestContext;
let admin: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.tokenFor('nordhausen');
});
afterAll(() => t.close());

const call = (method: string, path: string, json?: unknown) =>
  t.request(`/api/v1${path}`, { method, token: admin, json });

describe('attendance and votes in a session', () => {
  it('counts only present members with a voting right, and refuses more votes than that', async () => {
    const gremium = (
      await call('POST', '/gremien', { name: 'Kreisausschuss', kuerzel: 'KA', art: 'kreisausschuss' })
    ).json.id;
    const person = async (familienname: string) =>
      (await call('POST', '/personen', { familienname })).json.id;
    const [a, b, c, d, fremd] = await Promise.all(['Arndt', 'Bach', 'Cramer', 'Dorn', 'Fremd'].map(person));
    const seat = (personId: string, extra: Record<string, unknown> = {}) =>
      call('POST', `/gremien/${gremium}/mitglieder`, { personId, von: '2020-01-01', ...extra });
    for (const p of [a, b, c]) expect((await seat(p)).status).toBe(201);
    // Advisory: present, but without a vote.
    expect((await seat(d, { rolle: 'beratend', stimmberechtigt: false })).status).toBe(201);
    // Fremd was a member only until the year before the session.
    expect((await seat(fremd, { von: '2015-01-01', bis: '2019-12-31' })).status).toBe(201);

    const sitzung = (
      await call('POST', `/gremien/${gremium}/sitzungen`, { beginn: '2020-06-24T17:00:00+02:00' })
    ).json;
    const top = (await call('POST', `/sitzungen/${sitzung.id}/tagesordnung`, { titel: 'Zweckvereinbarung' }))
      .json.tagesordnung[0].id;

    const early = await call('PUT', `/tagesordnungspunkte/${top}/beratung`, { ergebnis: 'beschlossen' });
    expect(early.status).toBe(409);
    expect(early.json.detailDe).toBe(
      'Beratungen werden erst ab der Einladung erfasst (die Sitzung ist geplant).',
    );
    expect((await call('PATCH', `/sitzungen/${sitzung.id}`, { status: 'eingeladen' })).status).toBe(200);

    const stranger = await call('PUT', `/sitzungen/${sitzung.id}/anwesenheit`, { personIds: [a, fremd] });
    expect(stranger.status).toBe(422);
    expect(stranger.json.detailDe).toBe(
      'Anwesend sein können nur Mitglieder des Gremiums am Tag der Sitzung.',
    );
    const present = await call('PUT', `/sitzungen/${sitzung.id}/anwesenheit`, { personIds: [a, b, d] });
    expect(present.json.anwesend).toHaveLength(3);

    // Present with a vote: Arndt and Bach (Dorn is advisory, Cramer absent) – at most 2 votes.
    const tooMany = await call('PUT', `/tagesordnungspunkte/${top}/beratung`, {
      ergebnis: 'beschlossen',
      ja: 2,
      nein: 0,
      enthaltung: 1,
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.detailDe).toBe(
      'Ja, Nein und Enthaltungen (3) übersteigen die anwesenden Stimmberechtigten (2).',
    );
    const partial = await call('PUT', `/tagesordnungspunkte/${top}/beratung`, {
      ergebnis: 'beschlossen',
      ja: 2,
    });
    expect(partial.status).toBe(400);
    const ok = await call('PUT', `/tagesordnungspunkte/${top}/beratung`, {
      ergebnis: 'beschlossen',
      ja: 1,
      nein: 0,
      enthaltung: 1,
    });
    expect(ok.json).toMatchObject({ ergebnis: 'beschlossen', ja: 1, nein: 0, enthaltung: 1 });
    const view = await call('GET', `/sitzungen/${sitzung.id}`);
    expect(view.json.tagesordnung[0].beratung).toEqual({
      ergebnis: 'beschlossen',
      ja: 1,
      nein: 0,
      enthaltung: 1,
    });
    expect(view.json.anwesend.sort()).toEqual([a, b, d].sort());
    // The resolution is a Beschluss: Gremium, session number, item position, two-digit year.
    expect(ok.json.beschlussNr).toBe(`KA/${String(sitzung.nummer).padStart(3, '0')}-01/20`);
    const list = await call('GET', '/beschluesse?umsetzung=offen');
    const beschluss = list.json.items.find((b: { nummer: string }) => b.nummer === ok.json.beschlussNr);
    expect(beschluss).toMatchObject({
      top: 'Zweckvereinbarung',
      gremium: 'Kreisausschuss',
      umsetzung: 'offen',
    });
    // A result without a count (e.g. vertagt) is fine and removes a Beschluss nobody works on yet.
    const vertagt = await call('PUT', `/tagesordnungspunkte/${top}/beratung`, { ergebnis: 'vertagt' });
    expect(vertagt.json).toMatchObject({ ergebnis: 'vertagt', ja: null, beschlussNr: null });
    expect((await call('GET', '/beschluesse')).json.items.map((b: { id: string }) => b.id)).not.toContain(
      beschluss.id,
    );
    // Resolved again: the same number; once in Umsetzung, the result can no longer change.
    const again = await call('PUT', `/tagesordnungspunkte/${top}/beratung`, { ergebnis: 'beschlossen' });
    expect(again.json.beschlussNr).toBe(ok.json.beschlussNr);
    const id = (await call('GET', '/beschluesse')).json.items.find(
      (b: { nummer: string }) => b.nummer === ok.json.beschlussNr,
    ).id;
    const followUp = await call('PATCH', `/beschluesse/${id}`, {
      umsetzung: 'in_umsetzung',
      text: 'Der Kreisausschuss beschließt …',
    });
    expect(followUp.json).toMatchObject({
      umsetzung: 'in_umsetzung',
      text: 'Der Kreisausschuss beschließt …',
    });
    const locked = await call('PUT', `/tagesordnungspunkte/${top}/beratung`, { ergebnis: 'abgelehnt' });
    expect(locked.status).toBe(409);
    expect(locked.json.detailDe).toBe(
      'Der Beschluss wird schon umgesetzt; das Ergebnis lässt sich nicht mehr ändern.',
    );
  });
});
