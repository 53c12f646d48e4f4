import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../../test/support/context.ts';
import { openRecordsContext, recordsHelpers } from '../records.fixture.ts';

let t: TestContext;
let admin: string;
const { upload } = recordsHelpers(() => t);

beforeAll(async () => ({ t, admin } = await openRecordsContext()));
afterAll(() => t.close());

describe('Postkorb', () => {
  it('shows new Vorgänge and documents for the person and OE, and due Wiedervorlagen and Fristen', async () => {
    const person = await t.tokenFor('nordhausen', ['sachbearbeitung'], 'sachbearbeitung');
    const today = new Date().toISOString().slice(0, 10);
    const akte = await t.request('/api/v1/akten', { token: admin, json: { titel: 'Postkorb' } });
    const assigned = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token: admin,
      json: {
        betreff: 'Für die Sachbearbeitung',
        zustaendigPerson: 'sachbearbeitung',
        wiedervorlage: today,
        frist: today,
      },
    });
    const toOe = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token: admin,
      json: { betreff: 'Für das Serviceteam', zustaendigOe: 'SE' },
    });
    await upload(admin, assigned.json.id, 'Neuer Eingang', 'eingang.txt');
    const box = (await t.request('/api/v1/postkorb', { token: person })).json;
    expect(box.neueVorgaenge.map((v: { id: string }) => v.id)).toEqual(
      expect.arrayContaining([assigned.json.id, toOe.json.id]),
    );
    expect(box.neueDokumente.map((d: { vorgangId: string }) => d.vorgangId)).toContain(assigned.json.id);
    expect(box.wiedervorlagen.map((v: { id: string }) => v.id)).toContain(assigned.json.id);
    expect(box.fristen.map((v: { id: string }) => v.id)).toContain(assigned.json.id);
    const onlyMine = (await t.request('/api/v1/postkorb?bereich=person', { token: person })).json;
    expect(onlyMine.neueVorgaenge.map((v: { id: string }) => v.id)).not.toContain(toOe.json.id);

    const seen = await t.request('/api/v1/postkorb/gesehen', {
      token: person,
      json: { typ: 'vorgang', id: assigned.json.id },
    });
    expect(seen.status).toBe(204);
    const after = (await t.request('/api/v1/postkorb', { token: person })).json;
    expect(after.neueVorgaenge.map((v: { id: string }) => v.id)).not.toContain(assigned.json.id);
    expect(after.wiedervorlagen.map((v: { id: string }) => v.id)).toContain(assigned.json.id);
    // A token that represents no person has no Postkorb.
    expect((await t.request('/api/v1/postkorb', { token: admin })).status).toBe(400);
  });
});
