import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { bewohnerparkenDaten } from '../../../../test/support/ozg.ts';
import { testPrincipal } from '../../../../test/support/principal.ts';
import { anmelden, holen } from '../../../../test/support/sitzung.ts';

let t: TestContext;
const person = testPrincipal;
// the operator's own process (no user, no token): the database shows it every county
const serviceteam = person('unstrut-hainich-kreis', ['verbund-admin']);
const kyffhaeuser = person('kyffhaeuserkreis', ['kreis-admin']);
const heute = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestContext();
  // A use by a non-owner: the Wartburgkreis files an Antrag on Nordhausen's Bewohnerparkausweis.
  const form = new FormData();
  form.set('leistung', '99108001001000');
  form.set('gemeinde', '16063105');
  form.set('daten', JSON.stringify(bewohnerparkenDaten()));
  const antrag = await t.request('/api/v1/antraege', {
    token: await t.tokenFor('wartburgkreis', ['sachbearbeitung']),
    body: form,
  });
  expect(antrag.status).toBe(201);
}, 60_000);
afterAll(() => t.close());

describe('the Verbund’s Nachnutzungsgrad for every county', () => {
  it('a county gets the same total and the same months as the Serviceteam’s matrix and Verlauf', async () => {
    const kreis = await t.services.steuerung.nachnutzung.verbundgrad({
      principal: kyffhaeuser,
      stichtag: heute,
    });
    const matrix = await t.services.steuerung.nachnutzung.matrix({ principal: serviceteam, stichtag: heute });
    expect(matrix.genutzt).toBeGreaterThan(0);
    expect({ genutzt: kreis.genutzt, moeglich: kreis.moeglich, prozent: kreis.prozent }).toEqual({
      genutzt: matrix.genutzt,
      moeglich: matrix.moeglich,
      prozent: matrix.prozent,
    });
    const verlauf = await t.services.steuerung.nachnutzung.verlauf({ principal: serviceteam });
    const mitArtefakten = verlauf
      .filter((p) => p.moeglich > 0)
      .map(({ monat, genutzt, moeglich }) => ({ monat, genutzt, moeglich }));
    expect(mitArtefakten.length).toBeGreaterThan(0);
    expect(kreis.verlauf.map(({ monat, genutzt, moeglich }) => ({ monat, genutzt, moeglich }))).toEqual(
      mitArtefakten,
    );
    // The county's own view of the detail: none of the Wartburgkreis' uses, yet they count in the total.
    const eigene = await t.services.steuerung.nachnutzung.matrix({ principal: kyffhaeuser, stichtag: heute });
    expect(eigene.genutzt).toBeLessThan(kreis.genutzt);
  });

  it('a county’s transaction gets only the totals, never another county’s rows, and the read is audited', async () => {
    const zeilen = await t.services.database.withTenant('kyffhaeuserkreis', async (trx) => {
      await sql`select set_config('app.akteur', 'keine', true)`.execute(trx);
      const summe = await sql<
        Record<string, unknown>
      >`select * from steuerung_nachnutzungsgrad_verbund(current_date)`.execute(trx);
      const detail = await sql<{
        tenant_id: string;
      }>`select tenant_id from steuerung_nachnutzung_verbund()`.execute(trx);
      return { summe: summe.rows, detail: detail.rows };
    });
    expect(Object.keys(zeilen.summe[0]!).sort()).toEqual(['genutzt', 'moeglich', 'monat']);
    expect(zeilen.summe[0]!.monat).toBeNull();
    expect(new Set(zeilen.detail.map((r) => r.tenant_id))).toEqual(new Set(['kyffhaeuserkreis']));
    await expect(
      t.services.database.withTenant('kyffhaeuserkreis', (trx) =>
        sql`select * from steuerung_nachnutzung_verbund_roh()`.execute(trx),
      ),
    ).rejects.toThrow(/permission denied/);
    await t.services.steuerung.nachnutzung.verbundgrad({ principal: kyffhaeuser, stichtag: heute });
    const { rows } = await t.superuser.query(
      `select object_id from audit_events where tenant_id = 'kyffhaeuserkreis' and action = 'steuerung.verbundzahlen' order by seq desc limit 1`,
    );
    expect(rows[0]?.object_id).toBe('steuerung_nachnutzungsgrad_verbund');
  });

  it('refuses outside a tenant transaction', async () => {
    await expect(
      sql`select * from steuerung_nachnutzungsgrad_verbund(current_date)`.execute(t.services.database.db),
    ).rejects.toThrow(/needs a tenant transaction/);
  });

  it('a county’s Steuerung page shows the Verbund’s Nachnutzungsgrad; the CSV has the same months', async () => {
    const s = await anmelden(t, 'kyffhaeuserkreis', 'sachbearbeitung');
    const jahr = Number(heute.slice(0, 4));
    const seite = await holen(t, s, `/steuerung?jahr=${jahr}`);
    expect(seite.status).toBe(200);
    const g = await t.services.steuerung.nachnutzung.verbundgrad({ principal: kyffhaeuser, stichtag: heute });
    expect(seite.text).toContain('Nachnutzungsgrad des Verbunds');
    expect(seite.text).toContain(
      `Nachnutzungsgrad des ganzen Verbunds am ${heute}: ${String(g.prozent).replace('.', ',')} % (${g.genutzt} von ${g.moeglich}`,
    );
    const csv = await holen(
      t,
      s,
      `/api/v1/steuerung/kennzahlen/nachnutzungsgrad/export?format=csv&jahr=${jahr}`,
    );
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(g.verlauf.at(-1)!.monat);
    // The Serviceteam's page keeps its own Verlauf and only points to it here.
    const st = await anmelden(t, 'unstrut-hainich-kreis', 'serviceteam');
    expect((await holen(t, st, `/steuerung?jahr=${jahr}`)).text).toContain(
      'im Abschnitt „Nachnutzung“ (Matrix und Verlauf)',
    );
  });
});
