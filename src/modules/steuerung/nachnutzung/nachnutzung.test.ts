import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../../../test/support/cli.ts';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { bewohnerparkenDaten } from '../../../../test/support/ozg.ts';
import type { Principal } from '../../../platform/http/principal.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const serviceteam: Principal = {
  tenantId: 'unstrut-hainich-kreis',
  userId: null,
  login: 'serviceteam',
  displayName: 'Serviceteam',
  roles: ['verbund-admin'],
  via: 'session',
};
const zeile = (
  m: {
    zeilen: Array<{
      artefakt: { art: string; id: string };
      zellen: Array<{ tenantId: string; zelle: string }>;
    }>;
  },
  art: string,
  id: string,
) =>
  Object.fromEntries(
    m.zeilen
      .find((z) => z.artefakt.art === art && z.artefakt.id === id)!
      .zellen.map((c) => [c.tenantId, c.zelle]),
  );

describe('Nachnutzung of the shared artifacts', () => {
  it('every registered kind appears with its owner; activated services count as used only after an Antrag', async () => {
    const vorher = await t.services.steuerung.nachnutzung.matrix({ principal: serviceteam });
    expect(vorher.arten.map((a) => a.art)).toEqual([
      'leistung',
      'formular',
      'connector',
      'aktenplan-vorlage',
      'aktenplan-einheit',
    ]);
    expect(zeile(vorher, 'leistung', 'bewohnerparkausweis')).toEqual({
      nordhausen: 'eigentuemer',
      kyffhaeuserkreis: 'aktiviert',
      'unstrut-hainich-kreis': 'aktiviert',
      wartburgkreis: 'aktiviert',
    });
    const einheiten = vorher.zeilen.filter((z) => z.artefakt.art === 'aktenplan-einheit');
    expect(einheiten.length).toBeGreaterThan(5);

    // An Antrag from Eisenach (Wartburgkreis) for the Bewohnerparkausweis built by Nordhausen.
    const form = new FormData();
    form.set('leistung', '99108001001000');
    form.set('gemeinde', '16063105');
    form.set('daten', JSON.stringify(bewohnerparkenDaten()));
    const token = await t.tokenFor('wartburgkreis', ['sachbearbeitung']);
    expect((await t.request('/api/v1/antraege', { token, body: form })).status).toBe(201);

    const nachher = await t.services.steuerung.nachnutzung.matrix({ principal: serviceteam });
    expect(zeile(nachher, 'leistung', 'bewohnerparkausweis').wartburgkreis).toBe('genutzt');
    expect(nachher.genutzt).toBeGreaterThan(vorher.genutzt);
    expect(nachher.moeglich).toBe(vorher.moeglich);
    // the grade is uses by non-owners / (artifacts × other members)
    expect(nachher.prozent).toBe(Math.round((nachher.genutzt / nachher.moeglich) * 1000) / 10);

    const audit = await t.services.audit.list({ tenantId: 'unstrut-hainich-kreis', limit: 3 });
    expect(audit[0]).toMatchObject({
      action: 'steuerung.verbundzahlen',
      objectId: 'steuerung_nachnutzung_verbund',
    });
  });

  it('the history marks the Wartburgkreis joining in June 2020', async () => {
    const punkte = await t.services.steuerung.nachnutzung.verlauf({ principal: serviceteam, bis: '2020-12' });
    expect(punkte[0]!.monat).toBe('2019-11');
    expect(punkte.find((p) => p.monat === '2020-06')!.beitritte).toEqual(['Wartburgkreis']);
  });

  it('matrix and history for the Steuerung page come from one audited read, equal to each on its own', async () => {
    const steuerung = t.services.steuerung.nachnutzung;
    const lesungen = async () =>
      (await t.services.audit.list({ tenantId: 'unstrut-hainich-kreis', limit: 1000 })).filter(
        (e) => e.objectId === 'steuerung_nachnutzung_verbund',
      ).length;
    const vorher = await lesungen();
    const beide = await steuerung.matrixUndVerlauf({ principal: serviceteam, stichtag: '2020-12-31' });
    expect(await lesungen()).toBe(vorher + 1);
    expect(beide.matrix).toEqual(await steuerung.matrix({ principal: serviceteam, stichtag: '2020-12-31' }));
    expect(beide.verlauf).toEqual(await steuerung.verlauf({ principal: serviceteam, bis: '2020-12' }));
    expect(beide.verlauf.at(-1)!.monat).toBe('2020-12');
  });

  it('`verbund steuerung nachnutzung` prints the grade and every artifact with its owner', {
    timeout: 120_000,
  }, async () => {
    const [text, bad] = await Promise.all([
      cli(t, 'steuerung', 'nachnutzung', '--tenant', 'nordhausen'),
      cli(t, 'steuerung', 'nachnutzung', '--stichtag', '24.06.2020'),
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^Nachnutzung am \d{4}-\d{2}-\d{2}: \d+ von \d+ möglichen Nutzungen = [\d.]+ %/,
    );
    expect(text.stdout).toMatch(/Bewohnerparkausweis\s+Landkreis Nordhausen\s+genutzt von 1 \/ 3/);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('Das Datum „24.06.2020“ ist ungültig');
  });

  it('the reuse function gives nothing to a caller without a county', async () => {
    await expect(
      sql`select * from steuerung_nachnutzung_verbund()`.execute(t.services.database.db),
    ).rejects.toThrow(/needs a tenant/);
  });
});
