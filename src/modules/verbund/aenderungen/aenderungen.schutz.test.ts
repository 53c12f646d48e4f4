import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';

// Sample data: the amendment below is invented for this test (a "sonstige" amendment, no join).
let t: TestContext;
let id: string;

beforeAll(async () => {
  t = await createTestContext();
  const serviceteam = await t.tokenFor('unstrut-hainich-kreis', ['verbund-admin', 'kreis-admin']);
  const created = await t.request('/api/v1/verbund/aenderungen', {
    method: 'POST',
    token: serviceteam,
    json: {
      titel: '4. Änderung der Zweckvereinbarung (Beispieldaten)',
      wortlaut: '§ 3 erhält folgende Fassung …',
    },
  });
  expect(created.status).toBe(201);
  id = created.json.aenderung.id;
}, 60_000);
afterAll(() => t.close());

/** One statement in the county's own tenant transaction, as any code of that county would run it. */
const asCounty = (county: string, statement: ReturnType<typeof sql>) =>
  t.services.database.withTenant(county, (trx) => statement.execute(trx));

const party = async (county: string) =>
  (
    await t.superuser.query(
      'select status, beschluss_nr, vorlage_id, unterzeichnet_am from aenderung_beteiligte where aenderung_id = $1 and landkreis_id = $2',
      [id, county],
    )
  ).rows[0];

describe('the database keeps each county to its own part of an amendment', () => {
  it('a county cannot record a resolution in another county’s party row, even with plain SQL in its own transaction', async () => {
    await expect(
      asCounty(
        'nordhausen',
        sql`update aenderung_beteiligte set status = 'abgelehnt', beschlossen_am = '2026-01-01'
          where aenderung_id = ${id}::uuid and landkreis_id = 'wartburgkreis'`,
      ),
    ).rejects.toThrow(/nur seine eigene Beteiligung/);
    expect((await party('wartburgkreis')).status).toBe('offen');
  });

  it('a county records its own Kreistag’s resolution in its own row', async () => {
    await asCounty(
      'nordhausen',
      sql`update aenderung_beteiligte set status = 'beschlossen', beschluss_nr = 'KT/001-01/26',
        beschlossen_am = '2026-01-01' where aenderung_id = ${id}::uuid and landkreis_id = 'nordhausen'`,
    );
    expect(await party('nordhausen')).toMatchObject({ status: 'beschlossen', beschluss_nr: 'KT/001-01/26' });
  });

  it('a county cannot change the Verbund-level fields of its own row (Vorlage, signature)', async () => {
    await expect(
      asCounty(
        'nordhausen',
        sql`update aenderung_beteiligte set unterzeichnet_am = '2026-01-02', unterzeichnet_von = 'Landrat'
          where aenderung_id = ${id}::uuid and landkreis_id = 'nordhausen'`,
      ),
    ).rejects.toThrow(/nur den Beschluss/);
    await expect(
      asCounty(
        'nordhausen',
        sql`update aenderung_beteiligte set vorlage_id = gen_random_uuid()
          where aenderung_id = ${id}::uuid and landkreis_id = 'nordhausen'`,
      ),
    ).rejects.toThrow(/nur den Beschluss/);
    expect((await party('nordhausen')).unterzeichnet_am).toBeNull();
  });

  it('a county cannot add a party, create an amendment or record its Genehmigung', async () => {
    await expect(
      asCounty(
        'nordhausen',
        sql`insert into aenderung_beteiligte (aenderung_id, landkreis_id, rolle) values (${id}::uuid, 'eichsfeld', 'beitretend')`,
      ),
    ).rejects.toThrow(/row-level security|Zeilensicherheit/);
    await expect(
      asCounty(
        'nordhausen',
        sql`insert into aenderungen (agreement_id, nummer, titel, wortlaut, wortlaut_sha256, art, created_by)
          select agreement_id, 99, 'Untergeschoben', 'x', encode(sha256('x'), 'hex'), 'sonstige', 'test'
          from aenderungen where id = ${id}::uuid`,
      ),
    ).rejects.toThrow(/nur das Verfahren des Serviceteams/);
    await expect(
      asCounty(
        'nordhausen',
        sql`update aenderungen set genehmigt_am = '2026-02-01', genehmigung_az = 'AZ 1' where id = ${id}::uuid`,
      ),
    ).rejects.toThrow(/nur ihren abgeleiteten Stand/);
  });

  it('a transaction without a county cannot write a party row either', async () => {
    await expect(
      t.services.database.db.transaction().execute((plain) =>
        sql`update aenderung_beteiligte set status = 'abgelehnt', beschlossen_am = '2026-01-01'
          where aenderung_id = ${id}::uuid and landkreis_id = 'kyffhaeuserkreis'`.execute(plain),
      ),
    ).rejects.toThrow(/nur seine eigene Beteiligung/);
  });
});
