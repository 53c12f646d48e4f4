import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli as runCli } from '../../../../test/support/cli.ts';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import type { Principal } from '../../../platform/http/principal.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const cli = (...args: string[]) => runCli(t, ...args);
const serviceteam: Principal = {
  tenantId: 'unstrut-hainich-kreis',
  userId: null,
  login: 'serviceteam',
  displayName: 'Serviceteam',
  roles: ['verbund-admin'],
  via: 'session',
};
const simulate = (...args: string[]) => cli('steuerung', 'beitritt-simulieren', ...args);
/** `beitritt-simulieren` of a county with the key and a pool of 240,000 EUR. */
const join = (kreis: string[], schluessel: string, ...rest: string[]) =>
  simulate('--kreisschluessel', ...kreis, '--schluessel', schluessel, '--pool', '240000', ...rest);
const EICHSFELD = ['16061', '--name', 'Landkreis Eichsfeld'];

describe('cost sharing among the members', { timeout: 120_000 }, () => {
  it('the join of Eichsfeld (4 → 5) under the equal key: 60,000 → 48,000 EUR each, saving 12,000, break-even pool/4', async () => {
    const r = await join(EICHSFELD, 'gleich', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.mitglieder).toHaveLength(5);
    for (const m of out.mitglieder.slice(0, 4))
      expect([m.vorherCent, m.nachherCent, m.ersparnisCent]).toEqual([6_000_000, 4_800_000, 1_200_000]);
    expect(out.mitglieder[4]).toMatchObject({
      name: 'Landkreis Eichsfeld',
      neu: true,
      nachherCent: 4_800_000,
    });
    expect(out.breakEvenCent).toBe(6_000_000);

    const text = await join(EICHSFELD, 'gleich');
    expect(text.stdout).toContain('4 → 5 Mitglieder');
    expect(text.stdout).toMatch(/Landkreis Nordhausen\s+60\.000,00 €\s+48\.000,00 €\s+12\.000,00 €/);
    expect(text.stdout).toContain(
      'Break-even: Bringt Landkreis Eichsfeld bis zu 60.000,00 € zusätzliche Kosten mit',
    );
  });

  it('16063 shows the historical join of the Wartburgkreis (3 → 4) from the recorded 1st amendment: break-even pool/3', async () => {
    const r = await join(['16063'], 'gleich', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.aenderung).toEqual({ nummer: 1, drucksache: 'KT/103/2020', beschlossenAm: '2020-06-24' });
    expect(out.mitglieder.map((m: { name: string }) => m.name)).toEqual([
      'Landkreis Nordhausen',
      'Unstrut-Hainich-Kreis',
      'Kyffhäuserkreis',
      'Wartburgkreis',
    ]);
    expect(out.mitglieder.slice(0, 3).map((m: { vorherCent: number }) => m.vorherCent)).toEqual([
      8_000_000, 8_000_000, 8_000_000,
    ]);
    expect(out.mitglieder.map((m: { nachherCent: number }) => m.nachherCent)).toEqual(
      Array(4).fill(6_000_000),
    );
    expect(out.breakEvenCent).toBe(8_000_000);
  });

  it('the population key needs a figure for every county and then shares by population', async () => {
    const missing = await join(EICHSFELD, 'einwohner');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('Für Landkreis Nordhausen ist keine Einwohnerzahl erfasst');

    for (const [kreisschluessel, einwohner] of [
      ['16061', 100_000],
      ['16062', 100_000],
      ['16063', 100_000],
      ['16064', 100_000],
      ['16065', 200_000],
    ] as const)
      await t.services.steuerung.kosten.recordEinwohner({
        principal: serviceteam,
        kreisschluessel,
        einwohner,
        stichtag: '2019-12-31',
        quelle: 'Testzahl',
      });
    const r = await join(EICHSFELD, 'einwohner', '--json');
    const out = JSON.parse(r.stdout);
    const kyf = out.mitglieder.find((m: { kreisschluessel: string }) => m.kreisschluessel === '16065');
    // 200,000 of 500,000 before, of 600,000 after
    expect([kyf.vorherCent, kyf.nachherCent]).toEqual([9_600_000, 8_000_000]);
    expect(out.mitglieder.reduce((a: number, m: { nachherCent: number }) => a + m.nachherCent, 0)).toBe(
      24_000_000,
    );
    // every member's ratio before/after is 6/5: break-even = pool / 5
    expect(out.breakEvenCent).toBe(4_800_000);
  });

  it('refuses bad input with a German message and exit code 3, never a crash', async () => {
    const cli = await Promise.all([
      simulate('--kreisschluessel', '16061', '--name', 'X', '--schluessel', 'kopf', '--pool', '1'),
      simulate('--kreisschluessel', '16061', '--name', 'X', '--schluessel', 'gleich', '--pool=-5'),
    ]);
    expect(cli.map((r) => r.code)).toEqual([3, 3]);
    expect(cli[0]!.stderr).toContain('Unbekannter Kostenschlüssel „kopf“');
    expect(cli[1]!.stderr).toContain('Der Betrag „-5“ ist ungültig');
    const simulateJoin = (kreisschluessel: string, name?: string) =>
      t.services.steuerung.kosten.simulateJoin({
        principal: serviceteam,
        kreisschluessel,
        name,
        art: 'gleich',
        poolCent: 100n,
      });
    // One call at a time: created all at once, a rejection not yet awaited is an unhandled one.
    for (const [call, message] of [
      [() => simulateJoin('1606', 'X'), 'Kreisschlüssel „1606“ ist ungültig'],
      [() => simulateJoin('16061'), 'bitte seinen Namen angeben'],
      [() => simulateJoin('16062'), 'Landkreis Nordhausen ist Gründungsmitglied'],
    ] as const)
      await expect(call()).rejects.toMatchObject({
        status: expect.any(Number),
        messageDe: expect.stringContaining(message),
      });
  });

  it('simulates a join under every key with one read of the usage: the same results as key by key, one audit event', async () => {
    const arten = ['gleich', 'einwohner', 'nutzung', 'mix'] as const;
    const eintraege = async () =>
      (await t.services.audit.list({ tenantId: 'unstrut-hainich-kreis', limit: 1000 })).filter(
        (e) => e.action === 'steuerung.verbundzahlen',
      ).length;
    const vorher = await eintraege();
    const je = await t.services.steuerung.kosten.simulateJoinJeSchluessel({
      principal: serviceteam,
      kreisschluessel: '16063',
      arten,
      poolCent: 24_000_000n,
    });
    expect(await eintraege()).toBe(vorher + 1);
    expect(je).toHaveLength(4);
    for (const [i, art] of arten.entries()) {
      const einzeln = await t.services.steuerung.kosten
        .simulateJoin({ principal: serviceteam, kreisschluessel: '16063', art, poolCent: 24_000_000n })
        .catch((error: unknown) => error);
      // a refusal (e.g. a missing population figure) is the same error, returned instead of thrown
      expect(je[i]).toEqual(einzeln);
    }
    expect(je[0]).toMatchObject({ art: 'gleich', breakEvenCent: 8_000_000n });
    await expect(
      t.services.steuerung.kosten.simulateJoinJeSchluessel({
        principal: serviceteam,
        kreisschluessel: '16062',
        arten,
        poolCent: 1n,
      }),
    ).rejects.toMatchObject({ messageDe: expect.stringContaining('Gründungsmitglied') });
  });

  it('splits the 2020 pool pro rata by days (Wartburgkreis from 24 June) and audits the cross-county read', async () => {
    await t.services.steuerung.kosten.recordPool({
      principal: serviceteam,
      jahr: 2020,
      betragCent: 24_000_000n,
      bezeichnung: 'Testpool',
    });
    const r = await t.services.steuerung.kosten.yearSplit({ principal: serviceteam, jahr: 2020 });
    expect(r.abschnitte.map((a) => [a.von, a.tage, a.mitglieder.length])).toEqual([
      ['2020-01-01', 175, 3],
      ['2020-06-24', 191, 4],
    ]);
    expect(r.anteile.map((a) => a.cent).sort()).toEqual([3_131_148n, 6_956_284n, 6_956_284n, 6_956_284n]);
    const audit = await t.services.audit.list({ tenantId: 'unstrut-hainich-kreis', limit: 5 });
    expect(audit[0]).toMatchObject({
      action: 'steuerung.verbundzahlen',
      objectId: 'steuerung_nutzung_verbund',
    });
    await expect(
      t.services.steuerung.kosten.yearSplit({ principal: serviceteam, jahr: 2031 }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('the cross-county usage function refuses a caller without a county, and gives counts only to one with', async () => {
    await expect(
      sql`select * from steuerung_nutzung_verbund('2020-01-01', '2020-12-31')`.execute(
        t.services.database.db,
      ),
    ).rejects.toThrow(/needs a tenant/);
    const rows = await t.services.database.withTenant(
      'nordhausen',
      async (trx) =>
        (
          await sql<{
            tenant_id: string;
          }>`select * from steuerung_nutzung_verbund('2000-01-01', '2100-12-31')`.execute(trx)
        ).rows,
    );
    expect(rows.map((r) => r.tenant_id).sort()).toEqual([
      'kyffhaeuserkreis',
      'nordhausen',
      'unstrut-hainich-kreis',
      'wartburgkreis',
    ]);
    expect(Object.keys(rows[0]!).sort()).toEqual(['antraege', 'benutzer', 'dokumente', 'tenant_id']);
  });

  it('only the Serviceteam records population figures, pools and keys', async () => {
    const kreisAdmin = { ...serviceteam, tenantId: 'nordhausen', roles: ['kreis-admin' as const] };
    await expect(
      t.services.steuerung.kosten.recordPool({
        principal: kreisAdmin,
        jahr: 2021,
        betragCent: 1n,
        bezeichnung: 'x',
      }),
    ).rejects.toMatchObject({ status: 403 });
  });
});
