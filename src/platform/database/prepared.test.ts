import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';
import { createDatabase, type Trx } from './database.ts';
import { executePrepared } from './prepared.ts';

let t: TestContext;
// One connection: every transaction below runs on the same PostgreSQL session.
let single: ReturnType<typeof createDatabase>;

beforeAll(async () => {
  t = await createTestContext();
  single = createDatabase({ connectionString: t.appUrl, max: 1 });
});
afterAll(async () => {
  await single.close();
  await t.close();
});

type Prepared = { name: string; statement: string; generic_plans: number; custom_plans: number };
const preparedOf = async (trx: Trx) =>
  (
    await sql<Prepared>`select name, statement, generic_plans::int, custom_plans::int
      from pg_prepared_statements where name like 'verbund\\_t\\_%' order by name`.execute(trx)
  ).rows;

describe('statements prepared inside a transaction (executePrepared)', () => {
  it('prepares a statement once per connection, also across a rollback, and runs it with each call’s values', async () => {
    const echo = (trx: Trx, value: string) =>
      executePrepared(
        trx,
        sql<{ v: string; tenant: string }>`select ${value}::text as v,
        current_setting('app.tenant_id') as tenant`,
      );
    const tricky = `O'Brien \\ $1 '); drop table dokumente; --`;
    expect(await single.withTenant('nordhausen', (trx) => echo(trx, tricky))).toEqual([
      { v: tricky, tenant: 'nordhausen' },
    ]);
    // A transaction that fails after the statement: PREPARE is not undone by the rollback, and
    // the next run must not prepare it again ("already exists" would fail every later search).
    await expect(
      single.withTenant('nordhausen', async (trx) => {
        await echo(trx, 'vor dem Fehler');
        await sql`select ${'keine Zahl'}::int`.execute(trx);
      }),
    ).rejects.toThrow();
    const after = await single.withTenant('eichsfeld', async (trx) => ({
      rows: await echo(trx, 'danach'),
      prepared: await preparedOf(trx),
    }));
    expect(after.rows).toEqual([{ v: 'danach', tenant: 'eichsfeld' }]);
    expect(after.prepared.filter((p) => p.statement.includes('as tenant'))).toHaveLength(1);
  });

  it('lets PostgreSQL keep a generic plan when the values do not change it (no planning on later runs)', async () => {
    const ids = Array.from({ length: 20 }, () => randomUUID());
    const prepared = await single.withTenant('nordhausen', async (trx) => {
      for (let i = 0; i < 8; i++)
        expect(
          await executePrepared(trx, sql`select d.id from dokumente d where d.id = any(${ids}::uuid[])`),
        ).toEqual([]);
      return preparedOf(trx);
    });
    // Five plans for the values, then the generic one (plan_cache_mode auto) for every later run.
    expect(prepared.find((p) => p.statement.includes('from dokumente d'))).toMatchObject({
      custom_plans: 5,
      generic_plans: 3,
    });
  });

  it('starts afresh beyond 200 statements on a connection, each user deallocating only its own', async () => {
    const once = (n: number) =>
      single.executeAsTenant('nordhausen', sql<{ n: number }>`select ${n}::int as n`);
    const inTransaction = (trx: Trx, shape: number) =>
      executePrepared(trx, sql<{ n: number }>`select ${shape}::int as n, ${sql.lit(shape)} as shape`);
    expect(await once(7)).toEqual([{ n: 7 }]);
    await single.withTenant('nordhausen', async (trx) => {
      for (let i = 0; i < 205; i++) expect(await inTransaction(trx, i)).toEqual([{ n: i, shape: i }]);
      expect((await preparedOf(trx)).length).toBeLessThanOrEqual(200);
    });
    // executeAsTenant's statement on the same connection is still there…
    expect(await once(8)).toEqual([{ n: 8 }]);
    // …and its own overflow leaves executePrepared's statements alone.
    for (let i = 0; i < 205; i++)
      await single.executeAsTenant('nordhausen', sql`select ${i}::int as n, ${sql.lit(i)} as shape`);
    await single.withTenant('nordhausen', async (trx) => {
      expect(await inTransaction(trx, 204)).toEqual([{ n: 204, shape: 204 }]);
    });
  });
});

describe('reads beside a transaction (withTenantBeside)', () => {
  it('runs a read on a connection of its own, read-only and in the tenant, or returns null when none is free', async () => {
    // single: one main connection and one beside it.
    const held = await single.withTenant('nordhausen', async (trx) => {
      const mine = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      let release!: () => void;
      const waiting = new Promise<void>((resolve) => {
        release = resolve;
      });
      const first = single.withTenantBeside('eichsfeld', async (beside) => {
        const row = (
          await sql<{ pid: number; tenant: string }>`select pg_backend_pid() as pid,
            current_setting('app.tenant_id') as tenant`.execute(beside)
        ).rows[0]!;
        await waiting;
        return row;
      });
      expect(first).not.toBeNull();
      // The one connection beside is taken: the caller is told to do the work itself.
      expect(single.withTenantBeside('eichsfeld', async () => 'nie')).toBeNull();
      release();
      return { mine: mine.rows[0]!.pid, beside: await first! };
    });
    expect(held.beside.tenant).toBe('eichsfeld');
    expect(held.beside.pid).not.toBe(held.mine);
    // Free again; and it cannot write.
    await expect(
      single.withTenantBeside('nordhausen', (trx) =>
        sql`insert into jobs (tenant_id, kind, payload) values ('nordhausen', 'beside', '{}')`.execute(trx),
      ),
    ).rejects.toThrow(/read-only transaction/);
  });
});
