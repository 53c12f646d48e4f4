import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { testPrincipal } from '../../../../test/support/principal.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const principal = (tenantId: string) => testPrincipal(tenantId, ['verbund-admin', 'kreis-admin'], 'token');

describe('connector health per connector and county', () => {
  it('counts successes over 24 h and 7 days, the p95 latency, and turns red while a delivery fails', async () => {
    await t.services.integrations.defineConnector(principal('kyffhaeuserkreis'), {
      id: 'wohngeld-fachverfahren',
      name: 'Wohngeld an das Fachverfahren',
      ausloeser: 'antrag.eingegangen',
      transport: 'webhook',
      nutzlast: 'json',
      filter: null,
    });
    await t.superuser.query(
      `update connector_aktivierungen set status = 'active', ziel = 'https://fv.example/hook'
       where tenant_id = 'nordhausen' and connector_id = 'wohngeld-fachverfahren'`,
    );
    // History (inserted as it would have been delivered): 19 deliveries in the last day with 10 … 190 ms
    // latency, one more three days ago, and one that fails right now (second attempt pending).
    await t.superuser.query(
      `insert into outbox (tenant_id, connector_id, ordering_key, ereignis, payload, status, attempts, max_attempts, created_at, delivered_at)
       select 'nordhausen', 'wohngeld-fachverfahren', 'v' || i, 'antrag.eingegangen', '{}'::jsonb, 'delivered', 1, 8,
              now() - interval '1 hour' - i * interval '1 minute', now() - interval '1 hour' - i * interval '1 minute' + i * interval '10 ms'
       from generate_series(1, 19) i
       union all select 'nordhausen', 'wohngeld-fachverfahren', 'alt', 'antrag.eingegangen', '{}'::jsonb, 'delivered', 1, 8,
              now() - interval '3 days', now() - interval '3 days' + interval '20 ms'`,
    );
    await t.superuser.query(
      `insert into outbox (tenant_id, connector_id, ordering_key, ereignis, payload, status, attempts, max_attempts, last_error)
       values ('nordhausen', 'wohngeld-fachverfahren', 'kaputt', 'antrag.eingegangen', '{}', 'pending', 1, 8, 'HTTP 500')`,
    );
    const zeile = async () =>
      (
        await t.services.steuerung.anbindungen.zustand({ principal: principal('unstrut-hainich-kreis') })
      ).find((z) => z.tenantId === 'nordhausen' && z.connectorId === 'wohngeld-fachverfahren')!;
    const rot = await zeile();
    expect(rot).toMatchObject({
      aktiv: true,
      zugestellt24h: 19,
      versucht24h: 20,
      zugestellt7d: 20,
      fehlerhaft: 1,
      ampel: 'rot',
      quote24h: 95,
    });
    expect(rot.p95Ms).toBeGreaterThan(170);
    expect(rot.p95Ms).toBeLessThan(190);
    const andere = (
      await t.services.steuerung.anbindungen.zustand({ principal: principal('nordhausen') })
    ).filter((z) => z.tenantId !== 'nordhausen' && z.connectorId === 'wohngeld-fachverfahren');
    expect(andere.map((z) => z.ampel)).toEqual(['grau', 'grau', 'grau']);

    await t.superuser.query(
      `update outbox set status = 'delivered', delivered_at = now() where ordering_key = 'kaputt'`,
    );
    expect((await zeile()).ampel).toBe('gruen');
  });

  it('the health function refuses a caller without a county', async () => {
    await expect(
      sql`select * from steuerung_anbindungen_zustand(now())`.execute(t.services.database.db),
    ).rejects.toThrow(/needs a tenant/);
  });
});
