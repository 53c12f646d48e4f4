import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { bewohnerparkenDaten } from '../../../../test/support/ozg.ts';

let t: TestContext;
let sachbearbeitungNordhausen: string;
let serviceteam: string;

const antrag = async (token: string, gemeinde: string) => {
  const form = new FormData();
  form.set('leistung', '99108001001000');
  form.set('gemeinde', gemeinde);
  form.set('daten', JSON.stringify(bewohnerparkenDaten()));
  const r = await t.request('/api/v1/antraege', { token, body: form });
  expect(r.status).toBe(201);
};

beforeAll(async () => {
  t = await createTestContext();
  await antrag(await t.tokenFor('nordhausen', ['sachbearbeitung']), '16062041');
  await antrag(await t.tokenFor('wartburgkreis', ['sachbearbeitung']), '16063105');
  const users = await t.superuser.query<{ id: string; tenant_id: string; login: string }>(
    `select id, tenant_id, login from users where ('verbund-admin' = any(roles) and tenant_id = 'unstrut-hainich-kreis')
       or (tenant_id = 'nordhausen' and not 'verbund-admin' = any(roles)) order by login`,
  );
  serviceteam = users.rows.find((u) => u.tenant_id === 'unstrut-hainich-kreis')?.id ?? '';
  sachbearbeitungNordhausen = users.rows.find((u) => u.tenant_id === 'nordhausen')?.id ?? '';
  expect(serviceteam).not.toBe('');
  expect(sachbearbeitungNordhausen).not.toBe('');
});
afterAll(() => t.close());

/** Runs SQL as the app's database role in a transaction of `tenant`, acting as `akteur`. */
async function alsApp<T>(tenant: string, akteur: string, query: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: t.appUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('app.tenant_id', $1, true), set_config('app.akteur', $2, true)`, [
      tenant,
      akteur,
    ]);
    const { rows } = await client.query(query);
    await client.query('commit');
    return rows as T[];
  } finally {
    await client.end();
  }
}

const mandanten = (rows: Array<{ tenant_id: string | null }>) =>
  [...new Set(rows.map((r) => r.tenant_id ?? 'VERBUND'))].sort();

const DETAIL = [
  'select tenant_id from steuerung_nachnutzung_verbund()',
  `select tenant_id from steuerung_antraege_monate('2000-01-01', '2100-01-01')`,
  `select tenant_id from steuerung_bearbeitungszeiten('2000-01-01', '2100-01-01')`,
];

describe('who sees every county, decided by the database', () => {
  it('a county user calling the detail functions directly in SQL gets only the own county', async () => {
    for (const query of DETAIL) {
      const rows = await alsApp<{ tenant_id: string }>(
        'nordhausen',
        `user:${sachbearbeitungNordhausen}`,
        query,
      );
      expect(rows.length, query).toBeGreaterThan(0);
      expect(mandanten(rows), query).toEqual(['nordhausen']);
    }
  });

  it('the Serviceteam (a verbund-admin user of its own county) gets every county', async () => {
    const rows = await alsApp<{ tenant_id: string }>(
      'unstrut-hainich-kreis',
      `user:${serviceteam}`,
      DETAIL[0] as string,
    );
    expect(mandanten(rows)).toEqual(
      expect.arrayContaining(['nordhausen', 'wartburgkreis', 'unstrut-hainich-kreis']),
    );
    const antraege = await alsApp<{ tenant_id: string }>(
      'unstrut-hainich-kreis',
      `user:${serviceteam}`,
      DETAIL[1] as string,
    );
    expect(mandanten(antraege)).toEqual(['nordhausen', 'wartburgkreis']);
  });

  it('a verbund-admin user id claimed in another county, an unknown token or no actor give no detail', async () => {
    for (const akteur of [
      `user:${serviceteam}`,
      'token:00000000-0000-0000-0000-000000000000',
      '',
      'user:x',
    ]) {
      const rows = await alsApp<{ tenant_id: string }>('nordhausen', akteur, DETAIL[1] as string);
      expect(mandanten(rows), akteur).toEqual(['nordhausen']);
    }
  });

  it('a verbund-admin API token of the county sees every county; a county token does not', async () => {
    const ids = async (roles: Array<'verbund-admin' | 'sachbearbeitung'>) => {
      await t.tokenFor('nordhausen', roles);
      const { rows } = await t.superuser.query<{ id: string }>(
        `select id from api_tokens where tenant_id = 'nordhausen' order by created_at desc limit 1`,
      );
      return rows[0]?.id ?? '';
    };
    const admin = await alsApp<{ tenant_id: string }>(
      'nordhausen',
      `token:${await ids(['verbund-admin'])}`,
      DETAIL[1] as string,
    );
    expect(mandanten(admin)).toEqual(['nordhausen', 'wartburgkreis']);
    const kreis = await alsApp<{ tenant_id: string }>(
      'nordhausen',
      `token:${await ids(['sachbearbeitung'])}`,
      DETAIL[1] as string,
    );
    expect(mandanten(kreis)).toEqual(['nordhausen']);
  });

  it('monthly figures give a county its own rows plus the Verbund total, never another county', async () => {
    const rows = await alsApp<{ tenant_id: string | null; antraege: string }>(
      'nordhausen',
      `user:${sachbearbeitungNordhausen}`,
      `select * from steuerung_zeiten_monate('2000-01-01', '2100-01-01')`,
    );
    expect(mandanten(rows)).toEqual(['VERBUND', 'nordhausen']);
    const summe = (id: string | null) =>
      rows.filter((r) => r.tenant_id === id).reduce((s, r) => s + Number(r.antraege), 0);
    expect(summe('nordhausen')).toBe(1);
    expect(summe(null)).toBe(2);
  });

  it('the unfiltered bodies cannot be called by the app', async () => {
    await expect(
      alsApp(
        'nordhausen',
        'betrieb',
        `select * from steuerung_antraege_monate_roh('2000-01-01', '2100-01-01')`,
      ),
    ).rejects.toThrow(/permission denied/);
    // nor the aggregates of every county (0046, 0076) or the refresh body behind the public refresh
    for (const statement of [
      'select * from steuerung_agg_antraege_monat',
      'select * from steuerung_agg_bescheide_kreis',
      `select * from steuerung_aggregate_auffrischen_fein(now())`,
    ])
      await expect(alsApp('nordhausen', 'betrieb', statement)).rejects.toThrow(/permission denied/);
  });
});
