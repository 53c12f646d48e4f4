import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';

let t: TestContext;
let tenantTables: string[];

beforeAll(async () => {
  t = await createTestContext();
  const { rows } = await t.superuser.query<{ table_name: string }>(
    `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id'
       and table_name in (select tablename from pg_tables where schemaname = 'public') order by 1`,
  );
  tenantTables = rows.map((r) => r.table_name);
});
afterAll(() => t.close());

async function asApp<T>(work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: t.appUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('isolation by the database', () => {
  it('knows the tenant-owned tables (every table with a tenant_id column)', () => {
    expect(tenantTables).toEqual(
      expect.arrayContaining(['users', 'api_tokens', 'sessions', 'audit_events', 'org_units', 'jobs']),
    );
  });

  it('puts every tenant-owned table under forced row-level security with tenant_id leading the primary key', async () => {
    for (const table of tenantTables) {
      const { rows } = await t.superuser.query(
        `select c.relrowsecurity, c.relforcerowsecurity,
                (select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
                  where i.indrelid = c.oid and i.indisprimary) as first_pk_column
           from pg_class c where c.relname = $1 and c.relnamespace = 'public'::regnamespace`,
        [table],
      );
      expect({ table, ...rows[0] }).toEqual({
        table,
        relrowsecurity: true,
        relforcerowsecurity: true,
        first_pk_column: 'tenant_id',
      });
    }
  });

  it('connects the app as a role that owns no table, is no superuser and cannot bypass RLS', async () => {
    const role = await t.superuser.query(
      `select rolsuper, rolbypassrls, rolcreaterole from pg_roles where rolname = 'verbund_app'`,
    );
    expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false });
    const owned = await t.superuser.query(
      `select count(*)::int as n from pg_tables where tableowner = 'verbund_app'`,
    );
    expect(owned.rows[0].n).toBe(0);
    const me = await asApp((c) => c.query('select current_user'));
    expect(me.rows[0].current_user).toBe('verbund_app');
  });

  it('returns no rows from any tenant-owned table when no tenant is set, although rows exist', async () => {
    const total = await t.superuser.query('select count(*)::int as n from users');
    expect(total.rows[0].n).toBeGreaterThan(10);
    await asApp(async (client) => {
      for (const table of tenantTables) {
        const { rows } = await client.query(`select count(*)::int as n from ${table}`);
        expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
      }
    });
  });

  it('shows only the rows of the tenant set for the transaction', async () => {
    await asApp(async (client) => {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', 'nordhausen', true)`);
      const { rows } = await client.query('select distinct tenant_id from users');
      await client.query('commit');
      expect(rows).toEqual([{ tenant_id: 'nordhausen' }]);
      const after = await client.query('select count(*)::int as n from users');
      expect(after.rows[0].n).toBe(0);
    });
  });

  it('refuses to write a row for another tenant', async () => {
    await asApp(async (client) => {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', 'nordhausen', true)`);
      await expect(
        client.query(
          `insert into org_units (tenant_id, name, kuerzel) values ('wartburgkreis', 'Fremd', 'XX')`,
        ),
      ).rejects.toThrow(/row-level security/);
      await client.query('rollback');
    });
  });

  it('cannot move or change rows of another tenant', async () => {
    await asApp(async (client) => {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', 'nordhausen', true)`);
      const changed = await client.query(
        `update users set display_name = 'x' where tenant_id = 'wartburgkreis'`,
      );
      expect(changed.rowCount).toBe(0);
      await expect(
        client.query(`update users set tenant_id = 'wartburgkreis' where login = 'lesen'`),
      ).rejects.toThrow(/row-level security/);
      await client.query('rollback');
    });
  });

  it('lets the app role append to the audit chain but never update or delete it', async () => {
    await asApp(async (client) => {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', 'nordhausen', true)`);
      await expect(client.query(`update audit_events set actor = 'x'`)).rejects.toThrow(/permission denied/);
      await client.query('rollback');
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', 'nordhausen', true)`);
      await expect(client.query('delete from audit_events')).rejects.toThrow(/permission denied/);
      await client.query('rollback');
    });
  });
});
