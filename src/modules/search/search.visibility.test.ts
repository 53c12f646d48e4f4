import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/support/context.ts';
import { drainJobs } from '../../../test/support/jobs.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { openRecordsContext, recordsHelpers } from '../records/records.fixture.ts';
import { dokumentVisible, viewerOf } from '../records/viewer/viewer.ts';
import { searchTuning } from './search.plan.models.ts';

let t: TestContext;
let admin: string;
const { upload, newVorgang } = recordsHelpers(() => t);

beforeAll(async () => ({ t, admin } = await openRecordsContext()));
afterAll(() => t.close());
afterEach(() => {
  searchTuning.vorgaengeReadWhole = 10_000;
  searchTuning.force = undefined;
});

type Hit = { dokumentId: string };

/**
 * Search resolves the visibility rule of the E-Akte into lists of Vorgänge and a check of the
 * document's own clearance (resolveFilters), or joins Vorgang and Akte in counties with many
 * Vorgänge. Both must let through exactly the documents the records module's rule does – also the
 * confidential ones a case worker sees because the Vorgang is theirs or their OE's, or their OE
 * leads the Akte.
 */
describe('search shows exactly the documents the visibility rule of the E-Akte lets through', () => {
  const people: Array<{ name: string; roles: Principal['roles']; login?: string }> = [
    { name: 'case worker with a person and OE', roles: ['sachbearbeitung'], login: 'sachbearbeitung' },
    { name: 'case worker token without a person', roles: ['sachbearbeitung'] },
    { name: 'reader with a person and OE', roles: ['lesen'], login: 'lesen' },
    { name: 'reader token without a person', roles: ['lesen'] },
  ];
  let expected: Map<string, string[]>;

  beforeAll(async () => {
    const oe = async (login: string) =>
      (
        await t.superuser.query(
          `select id, org_unit_id from users where tenant_id = 'nordhausen' and login = $1`,
          [login],
        )
      ).rows[0] as { id: string; org_unit_id: string };
    const clerk = await oe('sachbearbeitung');
    const reader = await oe('lesen');
    const up = async (vorgangId: string, name: string, vertraulichkeit: string) =>
      expect(
        (await upload(admin, vorgangId, `Sichtprobe ${name}`, `Sichtprobe-${name}.txt`, { vertraulichkeit }))
          .status,
      ).toBe(201);
    // An open Akte: documents of every confidentiality, and one Vorgang assigned to the clerk.
    const offen = await newVorgang(admin, 'Sichtprobe offen', '00.20');
    await up(offen.vorgangId, 'offen-offen', 'offen');
    await up(offen.vorgangId, 'offen-intern', 'intern');
    await up(offen.vorgangId, 'offen-vertraulich', 'vertraulich');
    const mine = await assignedVorgang(
      offen.akteId,
      'Vorgang der Sachbearbeiterin',
      'zustaendig_user_id',
      clerk.id,
    );
    await up(mine, 'zugewiesen-vertraulich', 'vertraulich');
    // A confidential Akte: hidden, but for a Vorgang assigned to the clerk's OE.
    const geheim = await newVorgang(admin, 'Sichtprobe geheim', '00.20');
    await t.superuser.query(`update akten set vertraulichkeit = 'vertraulich' where id = $1`, [
      geheim.akteId,
    ]);
    await up(geheim.vorgangId, 'geheim-offen', 'offen');
    const oeVorgang = await assignedVorgang(
      geheim.akteId,
      'Vorgang der OE',
      'zustaendig_oe_id',
      clerk.org_unit_id,
    );
    await up(oeVorgang, 'oe-vertraulich', 'vertraulich');
    // An Akte the reader's OE leads: every document in it is theirs to see.
    const geführt = await newVorgang(admin, 'Sichtprobe federführend', '02.20');
    await t.superuser.query(
      `update akten set vertraulichkeit = 'vertraulich', federfuehrende_oe_id = $1 where id = $2`,
      [reader.org_unit_id, geführt.akteId],
    );
    await up(geführt.vorgangId, 'gefuehrt-vertraulich', 'vertraulich');
    await drainJobs(t);

    // What the records module's rule lets through, person by person.
    expected = new Map();
    for (const person of people) {
      const principal = await principalOf(person);
      const ids = await t.services.database.withTenant('nordhausen', async (trx) => {
        const viewer = await viewerOf(trx, principal);
        const { rows } = await sql<{ id: string }>`select d.id from dokumente d
          join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id
          where d.titel like 'Sichtprobe-%' and ${dokumentVisible(viewer)}`.execute(trx);
        return rows.map((r) => r.id).sort();
      });
      expected.set(person.name, ids);
    }
  });

  /** A new Vorgang in the Akte, assigned to a person or an OE; its id. */
  async function assignedVorgang(
    akteId: string,
    betreff: string,
    column: 'zustaendig_user_id' | 'zustaendig_oe_id',
    value: string,
  ): Promise<string> {
    const created = await t.request(`/api/v1/akten/${akteId}/vorgaenge`, { token: admin, json: { betreff } });
    expect(created.status).toBe(201);
    await t.superuser.query(`update vorgaenge set ${column} = $1 where id = $2`, [value, created.json.id]);
    return created.json.id as string;
  }

  async function principalOf(person: { roles: Principal['roles']; login?: string }): Promise<Principal> {
    const user = person.login
      ? (
          await t.superuser.query(`select id from users where tenant_id = 'nordhausen' and login = $1`, [
            person.login,
          ])
        ).rows[0].id
      : null;
    return {
      tenantId: 'nordhausen',
      userId: user,
      login: person.login ?? null,
      displayName: 'Test',
      roles: person.roles,
      via: 'token',
    };
  }

  const hits = async (person: (typeof people)[number], query: string) => {
    const token = await t.tokenFor('nordhausen', person.roles, person.login);
    const response = await t.request(`/api/v1/suche?${query}&limit=100`, { token });
    expect(response.status).toBe(200);
    return (response.json.items as Hit[]).map((i) => i.dokumentId).sort();
  };

  it('the fixture tells the people apart', () => {
    // Otherwise the comparison below would prove little. The clerk: the two open documents of the
    // open Akte, the confidential one in the Vorgang assigned to them and the one in their OE's
    // Vorgang of the confidential Akte; without a person only the two open ones. The reader: the
    // open document and the confidential one in the Akte their OE leads; without a person the open
    // document alone.
    expect(people.map((p) => expected.get(p.name)!.length)).toEqual([4, 2, 2, 1]);
  });

  for (const way of ['lists', 'joins'] as const)
    it(`with the rule as ${way}: words, listing and both ways of collecting matches`, async () => {
      if (way === 'joins') searchTuning.vorgaengeReadWhole = 0;
      for (const person of people) {
        const want = expected.get(person.name);
        expect(await hits(person, 'q=Sichtprobe'), person.name).toEqual(want);
        const listed = await t.request('/api/v1/suche?limit=100&von=1900-01-01', {
          token: await t.tokenFor('nordhausen', person.roles, person.login),
        });
        const fixture = await t.superuser.query(`select id from dokumente where titel like 'Sichtprobe-%'`);
        const ours = new Set(fixture.rows.map((r: { id: string }) => r.id));
        expect(
          (listed.json.items as Hit[])
            .map((i) => i.dokumentId)
            .filter((id) => ours.has(id))
            .sort(),
          person.name,
        ).toEqual(want);
        for (const force of ['walk', 'index'] as const) {
          searchTuning.force = force;
          expect(await hits(person, 'q=Sichtprobe'), `${person.name}, ${force}`).toEqual(want);
        }
        searchTuning.force = undefined;
      }
    });
});
