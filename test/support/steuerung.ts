import { expect } from 'vitest';
import type { TestContext } from './context.ts';
import { bewohnerparkenDaten } from './ozg.ts';

/**
 * Real Anträge of a county received in March 2020 (time travel of created_at only); the first
 * `beschieden` of them get their Bescheid on 15 April 2020.
 */
export async function antraegeMaerz2020(
  t: TestContext,
  {
    tenant,
    gemeinde,
    anzahl,
    beschieden,
  }: { tenant: string; gemeinde: string; anzahl: number; beschieden: number },
) {
  const token = await t.tokenFor(tenant, ['sachbearbeitung']);
  for (let i = 0; i < anzahl; i++) {
    const form = new FormData();
    form.set('leistung', '99108001001000');
    form.set('gemeinde', gemeinde);
    form.set('daten', JSON.stringify(bewohnerparkenDaten()));
    const r = await t.request('/api/v1/antraege', { token, body: form });
    expect(r.status).toBe(201);
    await t.superuser.query(`update antraege set created_at = $2 where id = $1`, [
      r.json.id,
      `2020-03-${String(10 + i).padStart(2, '0')} 12:00+00`,
    ]);
    if (i < beschieden)
      await t.superuser.query(
        `insert into antrag_nachrichten (tenant_id, antrag_id, art, text, created_by, created_at)
         values ($1, $2, 'bescheid', 'Bescheid', 'test', '2020-04-15 12:00+00')`,
        [tenant, r.json.id],
      );
  }
}

/** Anträge in Nordhausen (3, 2 decided) and the Wartburgkreis (2, 1 decided), and a 2020 cost pool of 240,000 EUR. */
export async function steuerungTestdaten(t: TestContext) {
  await antraegeMaerz2020(t, { tenant: 'nordhausen', gemeinde: '16062041', anzahl: 3, beschieden: 2 });
  await antraegeMaerz2020(t, { tenant: 'wartburgkreis', gemeinde: '16063105', anzahl: 2, beschieden: 1 });
  await t.superuser.query(
    `insert into steuerung_kostenpool (jahr, betrag_cent, bezeichnung, erfasst_von) values (2020, 24000000, 'Testpool', 'test')`,
  );
}
