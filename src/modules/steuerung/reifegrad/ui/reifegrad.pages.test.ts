import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../../test/support/context.ts';
import { anmelden, csrfAus, holen, type Sitzung, senden } from '../../../../../test/support/sitzung.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
}, 60_000);
afterAll(() => t.close());

const api = async (tenantId: string, id: string) =>
  (
    await t.request(`/api/v1/steuerung/reifegrad/leistungen/${id}`, {
      token: await t.tokenFor(tenantId, ['sachbearbeitung']),
    })
  ).json;

async function admin(tenantId: string) {
  const s = await anmelden(t, tenantId, 'admin');
  s.csrf = csrfAus((await holen(t, s, '/steuerung/reifegrad/wohngeld')).text);
  return s;
}

const ALLE_DREI = { k_nutzerkonto: '3', k_authentifizierung: '3', k_bezahlung: 'entfaellt' };

describe('the Reifegrad pages', () => {
  it('list every Leistung with its level and link each to its page with the ten criteria, recorded or derived', async () => {
    const s = await anmelden(t, 'nordhausen', 'sachbearbeitung');
    const liste = await holen(t, s, '/steuerung/reifegrad');
    expect(liste.status).toBe(200);
    expect(liste.text).toContain('href="/steuerung/reifegrad/wohngeld"');
    expect(liste.text).toContain('Leistungen nach Reifegrad');
    const seite = await holen(t, s, '/steuerung/reifegrad/wohngeld');
    expect(seite.status).toBe(200);
    for (const name of ['Leistungsbeschreibung', 'Nutzerkonto', 'Once-Only (Datenübernahme, Nachweisabruf)'])
      expect(seite.text).toContain(name);
    expect(seite.text).toContain('von der Plattform abgeleitet');
    expect(seite.text).toContain('offen (zählt 0)');
    // Sachbearbeitung reads, records nothing
    expect(seite.text).not.toContain('Kriterien speichern');
    expect(
      (await senden(t, { ...s, csrf: csrfAus(liste.text) }, '/steuerung/reifegrad/wohngeld', ALLE_DREI))
        .status,
    ).toBe(403);
    expect((await holen(t, s, '/steuerung/reifegrad/gibt-es-nicht')).status).toBe(404);
    expect((await holen(t, s, '/steuerung/reifegrad/..%2Fx')).status).toBe(404);
  });

  it('the Kreis-Administration records criteria in a plain form post: redirect, new level, same as the API, audited', async () => {
    const s = await admin('nordhausen');
    const vorher = await api('nordhausen', 'wohngeld');
    const gesendet = await senden(t, s, '/steuerung/reifegrad/wohngeld', {
      ...ALLE_DREI,
      stufe20: '4',
      bemerkung: 'Selbsteinschätzung der Kreis-Administration',
    });
    expect(gesendet.status).toBe(303);
    expect(gesendet.location).toMatch(/^\/steuerung\/reifegrad\/wohngeld\?ok=/);
    const seite = await holen(t, s, gesendet.location);
    expect(seite.text).toContain('Kriterien gespeichert: Reifegrad');
    const nachher = await api('nordhausen', 'wohngeld');
    const k = (key: string) => nachher.kriterien.find((x: { key: string }) => x.key === key);
    expect(k('nutzerkonto')).toMatchObject({ quelle: 'erfasst', erfasst: 3 });
    expect(k('bezahlung')).toMatchObject({ quelle: 'erfasst', erfasst: 'entfaellt' });
    expect(k('antragsprozess').quelle).toBe(vorher.kriterien[1].quelle);
    expect(nachher.stufe20).toBe(4);
    expect(nachher.offeneKriterien).toBe(vorher.offeneKriterien - 3);
    expect(seite.text).toContain('<option value="3" selected="">Stufe 3 – Online-Leistung</option>');
    const { rows } = await t.superuser.query(
      `select data from audit_events where tenant_id = 'nordhausen' and action = 'steuerung.reifegrad_erfasst' and object_id = 'wohngeld'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].data.kriterien.nutzerkonto).toBe(3);

    // „nicht erfasst“ removes the recording again: the criterion is open or derived once more
    await senden(t, s, '/steuerung/reifegrad/wohngeld', { k_nutzerkonto: '', k_bezahlung: 'entfaellt' });
    expect((await api('nordhausen', 'wohngeld')).kriterien[2]).toMatchObject({
      quelle: 'offen',
      erfasst: null,
    });
  });

  it('refuses wrong values with 400 and German texts at the fields, keeps what was typed and stores nothing', async () => {
    const s = await admin('nordhausen');
    const vorher = await api('nordhausen', 'bewohnerparkausweis');
    const falsch = await senden(t, s, '/steuerung/reifegrad/bewohnerparkausweis', {
      k_bezahlung: '5',
      k_nachweise: '3',
      stufe20: '9',
    });
    expect(falsch.status).toBe(400);
    expect(falsch.text).toContain('Bitte eine Stufe von 0 bis 4, „entfällt“ oder „nicht erfasst“ wählen.');
    expect(falsch.text).toContain('Reifegrad 2.0: bitte eine Stufe von 0 bis 7');
    expect(falsch.text).toContain('Nicht gespeichert: bitte die markierten Felder prüfen.');
    expect(falsch.text).toContain('aria-invalid="true"');
    const nachweise = /id="k_nachweise"[\s\S]*?<\/select>/.exec(falsch.text)?.[0] ?? '';
    expect(nachweise).toContain('<option value="3" selected="">');
    expect(await api('nordhausen', 'bewohnerparkausweis')).toEqual(vorher);
    const ohneToken = await senden(t, s, '/steuerung/reifegrad/bewohnerparkausweis', ALLE_DREI, { csrf: '' });
    expect(ohneToken.status).toBe(403);
    expect(await api('nordhausen', 'bewohnerparkausweis')).toEqual(vorher);
  });

  it('with htmx the refused form comes back with 200 so only the Leistung’s part is swapped', async () => {
    const s = await admin('nordhausen');
    const r = await senden(
      t,
      s,
      '/steuerung/reifegrad/wohngeld',
      { k_bezahlung: 'x' },
      { headers: { 'hx-request': 'true' } },
    );
    expect(r.status).toBe(200);
    expect(r.text).toContain('id="reifegrad-leistung"');
    expect(r.text).toContain('Bitte eine Stufe von 0 bis 4');
  });

  it('a county sees and edits only its own criteria: the Wartburgkreis does not see what Nordhausen recorded', async () => {
    const nordhausen: Sitzung = await admin('nordhausen');
    await senden(t, nordhausen, '/steuerung/reifegrad/wohngeld', { k_schriftform: 'entfaellt' });
    const wak = await admin('wartburgkreis');
    const seite = await holen(t, wak, '/steuerung/reifegrad/wohngeld');
    expect(seite.text).not.toContain('<option value="entfaellt" selected="">');
    expect((await api('wartburgkreis', 'wohngeld')).kriterien[6]).toMatchObject({
      quelle: 'offen',
      erfasst: null,
    });
    await senden(t, wak, '/steuerung/reifegrad/wohngeld', { k_schriftform: '2' });
    expect((await api('wartburgkreis', 'wohngeld')).kriterien[6]).toMatchObject({ erfasst: 2 });
    expect((await api('nordhausen', 'wohngeld')).kriterien[6]).toMatchObject({ erfasst: 'entfaellt' });
  });
});
