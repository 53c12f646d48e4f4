import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';

let t: TestContext;
let admin: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.tokenFor('wartburgkreis');
});
afterAll(() => t.close());

const call = (method: string, path: string, json?: unknown) =>
  t.request(`/api/v1${path}`, { method, token: admin, json });

describe('sessions and their agenda', () => {
  let kreistag: string;
  let sitzung: string;

  beforeAll(async () => {
    kreistag = (await call('POST', '/gremien', { name: 'Kreistag', kuerzel: 'KT', art: 'kreistag' })).json.id;
  });

  it('numbers the sessions of a Gremium 1, 2, 3 … even when created at once', async () => {
    const created = await Promise.all(
      [1, 2, 3, 4, 5].map((day) =>
        call('POST', `/gremien/${kreistag}/sitzungen`, {
          beginn: `2020-06-2${day}T17:00:00+02:00`,
          ort: 'Kreistagssaal',
        }),
      ),
    );
    expect(created.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(created.map((r) => r.json.nummer).sort()).toEqual([1, 2, 3, 4, 5]);
    sitzung = created.find((r) => r.json.beginn.startsWith('2020-06-24'))!.json.id;
    const list = await t.request(`/api/v1/sitzungen?gremiumId=${kreistag}&von=2020-06-23&bis=2020-06-24`, {
      token: admin,
    });
    expect(list.json.items.map((s: { beginn: string }) => s.beginn.slice(0, 10))).toEqual([
      '2020-06-23',
      '2020-06-24',
    ]);
  });

  it('builds the agenda in order, Ö and N numbered apart, and reorders it', async () => {
    const geheim = await call('POST', '/vorlagen', { betreff: 'Personalangelegenheit', oeffentlich: false });
    const offen = await call('POST', '/vorlagen', { betreff: '1. Änderung der Zweckvereinbarung' });
    const add = (json: unknown) => call('POST', `/sitzungen/${sitzung}/tagesordnung`, json);
    expect((await add({ titel: 'Eröffnung und Feststellung der Beschlussfähigkeit' })).status).toBe(200);
    expect((await add({ titel: 'Zweckvereinbarung', vorlageId: offen.json.id })).status).toBe(200);
    const wrongPart = await add({ titel: 'Personal', vorlageId: geheim.json.id });
    expect(wrongPart.status).toBe(422);
    expect(wrongPart.json.detailDe).toBe(
      'Eine nichtöffentliche Vorlage gehört in den nichtöffentlichen Teil der Sitzung.',
    );
    const last = await add({ titel: 'Personal', vorlageId: geheim.json.id, oeffentlich: false });
    expect(
      last.json.tagesordnung.map((top: { nummer: string; titel: string; drucksachenNr: string | null }) => [
        top.nummer,
        top.titel,
        top.drucksachenNr,
      ]),
    ).toEqual([
      ['Ö 1', 'Eröffnung und Feststellung der Beschlussfähigkeit', null],
      ['Ö 2', 'Zweckvereinbarung', offen.json.drucksachenNr],
      ['N 1', 'Personal', geheim.json.drucksachenNr],
    ]);
    const ids = last.json.tagesordnung.map((top: { id: string }) => top.id);
    const missing = await call('PUT', `/sitzungen/${sitzung}/tagesordnung/reihenfolge`, {
      ids: ids.slice(1),
    });
    expect(missing.status).toBe(422);
    expect(missing.json.detailDe).toBe(
      'Die neue Reihenfolge muss jeden Tagesordnungspunkt genau einmal nennen.',
    );
    const swapped = await call('PUT', `/sitzungen/${sitzung}/tagesordnung/reihenfolge`, {
      ids: [ids[1], ids[0], ids[2]],
    });
    expect(
      swapped.json.tagesordnung.map((top: { titel: string; position: number }) => [top.position, top.titel]),
    ).toEqual([
      [1, 'Zweckvereinbarung'],
      [2, 'Eröffnung und Feststellung der Beschlussfähigkeit'],
      [3, 'Personal'],
    ]);
  });

  it('moves through its states, counts public changes, and closes the agenda once cancelled', async () => {
    const invited = await call('PATCH', `/sitzungen/${sitzung}`, { status: 'eingeladen' });
    expect(invited.json).toMatchObject({ status: 'eingeladen', sequenz: 1 });
    const moved = await call('PATCH', `/sitzungen/${sitzung}`, { ort: 'Landratsamt, Raum 101' });
    expect(moved.json.sequenz).toBe(2);
    const cancelled = await call('PATCH', `/sitzungen/${sitzung}`, { status: 'abgesagt' });
    expect(cancelled.json).toMatchObject({ status: 'abgesagt', sequenz: 3 });
    const closed = await call('POST', `/sitzungen/${sitzung}/tagesordnung`, { titel: 'Nachtrag' });
    expect(closed.status).toBe(409);
    expect(closed.json.detailDe).toBe('Die Tagesordnung einer abgesagten Sitzung ist geschlossen.');
    const held = await call('PATCH', `/sitzungen/${sitzung}`, { status: 'durchgefuehrt' });
    expect(held.status).toBe(409);
    expect(held.json.detailDe).toBe('Eine Sitzung im Stand „abgesagt“ kann nicht „durchgeführt“ werden.');
    const badTime = await call('POST', `/gremien/${kreistag}/sitzungen`, { beginn: '24.06.2020 17 Uhr' });
    expect(badTime.status).toBe(400);
    expect(JSON.stringify(badTime.json)).toContain('Zeitpunkt im Format');
  });
});
