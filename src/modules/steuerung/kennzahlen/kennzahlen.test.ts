import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../../../test/support/cli.ts';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { bewohnerparkenDaten } from '../../../../test/support/ozg.ts';
import { testPrincipal } from '../../../../test/support/principal.ts';
import type { Principal } from '../../../platform/http/principal.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const kreis = (tenantId: string, roles: Principal['roles'] = ['kreis-admin']) =>
  testPrincipal(tenantId, roles);

describe('volumes and processing times of Anträge', () => {
  it('ten Anträge decided after 1 … 10 days give a median of 5.5 and a p90 of 9.1 days; two more are open', async () => {
    const token = await t.tokenFor('wartburgkreis', ['sachbearbeitung']);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const form = new FormData();
      form.set('leistung', '99108001001000');
      form.set('gemeinde', '16063105');
      form.set('daten', JSON.stringify(bewohnerparkenDaten()));
      const r = await t.request('/api/v1/antraege', { token, body: form });
      expect(r.status).toBe(201);
      ids.push(r.json.id);
    }
    // History: the first ten received k days before their Bescheid on 2020-09-30 (k = 1 … 10),
    // the other two received on 2020-09-20 and still open. Time travel only; the rows are real.
    for (const [i, id] of ids.entries()) {
      const eingang =
        i < 10
          ? `timestamptz '2020-09-30 12:00+00' - interval '${i + 1} days'`
          : `timestamptz '2020-09-20 12:00+00'`;
      await t.superuser.query(`update antraege set created_at = ${eingang} where id = $1`, [id]);
      if (i < 10)
        await t.superuser.query(
          `insert into antrag_nachrichten (tenant_id, antrag_id, art, text, created_by)
           values ('wartburgkreis', $1, 'bescheid', 'Bescheid', 'test')`,
          [id],
        );
    }
    await t.superuser.query(
      `update antrag_nachrichten set created_at = '2020-09-30 12:00+00' where tenant_id = 'wartburgkreis' and art = 'bescheid'`,
    );

    const r = await t.services.steuerung.kennzahlen.antraege({
      principal: kreis('nordhausen', ['verbund-admin']),
      von: '2020-01-01',
      bis: '2020-12-31',
    });
    const zeit = r.zeiten.find(
      (z) => z.tenantId === 'wartburgkreis' && z.leistungId === 'bewohnerparkausweis',
    )!;
    expect(zeit.beschieden).toBe(10);
    expect(zeit.medianTage).toBeCloseTo(5.5, 9);
    expect(zeit.p90Tage).toBeCloseTo(9.1, 9);
    // open on 31.12.2020, received 20.09.2020: 102 whole days (31.12. − 20.09.)
    expect([zeit.offen, zeit.offenMaxTage]).toEqual([2, 102]);
    const monate = r.monate.filter((m) => m.tenantId === 'wartburgkreis');
    expect(monate).toEqual([
      { tenantId: 'wartburgkreis', leistungId: 'bewohnerparkausweis', monat: '2020-09', anzahl: 12 },
    ]);
    const audit = await t.services.audit.list({ tenantId: 'nordhausen', limit: 1 });
    expect(audit[0]).toMatchObject({ action: 'steuerung.verbundzahlen' });
  });

  it('`verbund steuerung bericht --jahr 2020` prints the cost split, the reuse grade and the processing times', {
    timeout: 120_000,
  }, async () => {
    await t.services.steuerung.kosten.recordPool({
      principal: kreis('unstrut-hainich-kreis', ['verbund-admin']),
      jahr: 2020,
      betragCent: 24_000_000n,
      bezeichnung: 'Testpool',
    });
    const [r, bad] = await Promise.all([
      cli(t, 'steuerung', 'bericht', '--jahr', '2020'),
      cli(t, 'steuerung', 'bericht', '--jahr', '20x0'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2020-06-24 – 2020-12-31 (191 Tage): 4 Mitglieder');
    expect(r.stdout).toMatch(/Wartburgkreis\s+31\.311,48 €/);
    // The demo catalogue was shared on the day the template was seeded, so 2020 may have none yet.
    expect(r.stdout).toMatch(/Nachnutzungsgrad am 31\.12\.2020: (?:[\d.]+|–) %/);
    expect(r.stdout).toMatch(/Wartburgkreis\s+bewohnerparkausweis\s+5,5 T\.\s+9,1 T\.\s+2 offen/);
    expect([bad.code, bad.stderr]).toEqual([3, expect.stringContaining('Das Jahr „20x0“ ist ungültig')]);
  });

  it('the functions refuse a caller without a county', async () => {
    for (const f of ['steuerung_antraege_monate', 'steuerung_bearbeitungszeiten'])
      await expect(
        sql`select * from ${sql.raw(f)}('2020-01-01', '2020-12-31')`.execute(t.services.database.db),
      ).rejects.toThrow(/needs a tenant/);
  });
});
