import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './support/context.ts';
import { type CrossTenantCase, VERBUND_LEVEL_PATHS } from './support/cross-tenant.ts';

// Every module's cases, collected by file name convention.
const modules = import.meta.glob<Record<string, CrossTenantCase>>('./cross-tenant/*.cross-tenant.ts', {
  eager: true,
});
const cases = Object.values(modules).flatMap((m) => Object.values(m));

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('cross-tenant isolation: county A never sees county B', () => {
  it('covers every OpenAPI path with a path parameter (or marks it Verbund-level)', async () => {
    const spec = (await t.request('/api/v1/openapi.json')).json as { paths: Record<string, unknown> };
    const parameterised = Object.keys(spec.paths).filter((p) => p.includes('{'));
    const covered = new Set([...cases.flatMap((c) => c.covers), ...Object.keys(VERBUND_LEVEL_PATHS)]);
    expect(parameterised.filter((p) => !covered.has(p))).toEqual([]);
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const testCase of cases) {
    it(`${testCase.name}: objects of the Wartburgkreis answer 404 to Nordhausen, and lists leave them out`, async () => {
      const ownerToken = await t.tokenFor('wartburgkreis');
      const otherToken = await t.tokenFor('nordhausen', [
        'kreis-admin',
        'leitung',
        'sachbearbeitung',
        'lesen',
      ]);
      const { probes, lists = [] } = await testCase.setup({ t, ownerTenant: 'wartburgkreis', ownerToken });
      expect(probes.length).toBeGreaterThan(0);
      for (const probe of probes) {
        const own = await t.request(probe.path, {
          method: probe.method === 'DELETE' ? 'GET' : probe.method,
          token: ownerToken,
          json: probe.json,
        });
        const foreign = await t.request(probe.path, {
          method: probe.method,
          token: otherToken,
          json: probe.json,
        });
        expect({ probe: `${probe.method} ${probe.path}`, status: foreign.status }).toEqual({
          probe: `${probe.method} ${probe.path}`,
          status: 404,
        });
        expect(foreign.headers.get('content-type')).toContain('application/problem+json');
        // The same request by the owner must not be a 404 — otherwise the probe proves nothing.
        if (probe.method !== 'DELETE') expect(own.status).not.toBe(404);
      }
      for (const list of lists) {
        const foreign = await t.request(list.path, { token: otherToken });
        expect(foreign.status).toBe(200);
        for (const id of list.ids) expect(foreign.text).not.toContain(id);
        const own = await t.request(list.path, { token: ownerToken });
        for (const id of list.ids) expect(own.text).toContain(id);
      }
    });
  }
});
