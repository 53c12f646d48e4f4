import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';

let t: TestContext;
let admin: string;
let clerk: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.tokenFor('kyffhaeuserkreis');
  clerk = await t.tokenFor('kyffhaeuserkreis', ['sachbearbeitung']);
});
afterAll(() => t.close());

const post = (path: string, json: unknown) => t.request(`/api/v1${path}`, { token: admin, json });
const put = (path: string, json: unknown, token = admin) =>
  t.request(`/api/v1${path}`, { method: 'PUT', token, json });

/** A session of the Gremium held in 2020 with `tops` agenda items, invited. */
async function sitzungMit(gremiumId: string, tops: number) {
  const sitzung = await post(`/gremien/${gremiumId}/sitzungen`, { beginn: '2020-06-24T17:00:00+02:00' });
  let ids: string[] = [];
  for (let i = 1; i <= tops; i++) {
    const r = await post(`/sitzungen/${sitzung.json.id}/tagesordnung`, { titel: `Punkt ${i}` });
    ids = r.json.tagesordnung.map((top: { id: string }) => top.id);
  }
  await t.request(`/api/v1/sitzungen/${sitzung.json.id}`, {
    method: 'PATCH',
    token: admin,
    json: { status: 'eingeladen' },
  });
  return ids;
}

describe('Beschluss numbers by the county template', () => {
  it('shows the standard template until the county sets its own, and only the Kreis-Administration sets it', async () => {
    const standard = await t.request('/api/v1/beschluss-nummern', { token: clerk });
    expect(standard.json).toEqual({
      vorlage: '{gremium}/{sitzung:3}-{top:2}/{yy}',
      beispiel: `KT/065-03/${String(new Date().getFullYear() % 100).padStart(2, '0')}`,
    });
    expect((await put('/beschluss-nummern', { vorlage: 'B/{seq}' }, clerk)).status).toBe(403);
    const bad = await put('/beschluss-nummern', { vorlage: '{sitzung}-{top}' });
    expect(bad.status).toBe(400);
    expect(bad.json.detailDe).toContain('eindeutig nummerieren');
  });

  it('numbers resolutions with the standard template first, then with {seq} per Gremium and year', async () => {
    const kt = await post('/gremien', { name: 'Kreistag (Test)', kuerzel: 'KTT', art: 'kreistag' });
    const ka = await post('/gremien', {
      name: 'Kreisausschuss (Test)',
      kuerzel: 'KAT',
      art: 'kreisausschuss',
    });
    const [first] = await sitzungMit(kt.json.id, 1);
    const alt = await put(`/tagesordnungspunkte/${first}/beratung`, { ergebnis: 'beschlossen' });
    expect(alt.json.beschlussNr).toBe('KTT/001-01/20');

    const set = await put('/beschluss-nummern', { vorlage: '{gremium}-{seq:3}/{yyyy}' });
    expect(set.json).toEqual({
      vorlage: '{gremium}-{seq:3}/{yyyy}',
      beispiel: `KT-001/${new Date().getFullYear()}`,
    });
    const tops = await sitzungMit(kt.json.id, 3);
    const [kaTop] = await sitzungMit(ka.json.id, 1);
    const numbers = [];
    for (const top of [...tops, kaTop]) {
      const r = await put(`/tagesordnungspunkte/${top}/beratung`, { ergebnis: 'beschlossen' });
      numbers.push(r.json.beschlussNr);
    }
    expect(numbers).toEqual(['KTT-001/2020', 'KTT-002/2020', 'KTT-003/2020', 'KAT-001/2020']);
    // Recorded again, a resolution keeps its number and draws none.
    const again = await put(`/tagesordnungspunkte/${tops[1]}/beratung`, {
      ergebnis: 'beschlossen',
      ja: 0,
      nein: 0,
      enthaltung: 0,
    });
    expect(again.json.beschlussNr).toBe('KTT-002/2020');
    const old = await put(`/tagesordnungspunkte/${first}/beratung`, { ergebnis: 'beschlossen' });
    expect(old.json.beschlussNr).toBe('KTT/001-01/20');
  });

  it('refuses with 409 a number another Beschluss already carries, and rolls the recording back', async () => {
    const kt = (await t.request('/api/v1/gremien', { token: admin })).json.items.find(
      (g: { kuerzel: string }) => g.kuerzel === 'KTT',
    );
    await put('/beschluss-nummern', { vorlage: '{gremium} {seq}' });
    const [first, second] = await sitzungMit(kt.id, 2);
    expect(
      (await put(`/tagesordnungspunkte/${first}/beratung`, { ergebnis: 'beschlossen' })).json.beschlussNr,
    ).toBe('KTT 1');
    // Another template text has its own counter: its first number is the one just given.
    await put('/beschluss-nummern', { vorlage: '{gremium} {seq:1}' });
    const taken = await put(`/tagesordnungspunkte/${second}/beratung`, { ergebnis: 'beschlossen' });
    expect(taken.status).toBe(409);
    expect(taken.json.detailDe).toBe(
      'Die Beschlussnummer „KTT 1“ trägt schon ein anderer Beschluss; bitte die Nummernvorlage prüfen.',
    );
    const counters = await t.superuser.query(
      `select count(*)::int as n from beschluss_zaehler where tenant_id = 'kyffhaeuserkreis' and reihe like '{gremium} {seq:1}%'`,
    );
    expect(counters.rows[0].n).toBe(0);
    const beratung = await t.superuser.query('select count(*)::int as n from beratungen where top_id = $1', [
      second,
    ]);
    expect(beratung.rows[0].n).toBe(0);
  });
});
