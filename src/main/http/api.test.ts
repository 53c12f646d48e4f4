import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';

let t: TestContext;
let token: string;
beforeAll(async () => {
  t = await createTestContext();
  token = await t.tokenFor('unstrut-hainich-kreis', ['kreis-admin']);
});
afterAll(() => t.close());

describe('API basics', () => {
  it('GET /health answers ok with the database state', async () => {
    const r = await t.request('/health');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'ok', database: { status: 'ok' } });
  });

  it('publishes an OpenAPI 3.1 document generated from the route schemas, and interactive docs', async () => {
    const r = await t.request('/api/v1/openapi.json');
    expect(r.json.openapi).toBe('3.1.0');
    expect(Object.keys(r.json.paths)).toEqual(
      expect.arrayContaining(['/verbund', '/me', '/verbund/mitglieder', '/tokens/{id}']),
    );
    expect(r.json.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const docs = await t.app.request('/api/docs');
    expect(await docs.text()).toContain('/assets/swagger-ui/swagger-ui-bundle.js');
    const asset = await t.app.request('/assets/swagger-ui/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
  });

  it('GET /api/v1/verbund lists the four members, the agreement and its 1. Änderung', async () => {
    const r = await t.request('/api/v1/verbund', { token });
    expect(r.status).toBe(200);
    expect(
      r.json.members
        .map((m: { id: string; kreisschluessel: string }) => `${m.id}:${m.kreisschluessel}`)
        .sort(),
    ).toEqual([
      'kyffhaeuserkreis:16065',
      'nordhausen:16062',
      'unstrut-hainich-kreis:16064',
      'wartburgkreis:16063',
    ]);
    expect(r.json.agreement.basis).toContain('KT/065-03/19');
    expect(r.json.agreement.concludedOn).toBe('2019-11-27');
    expect(r.json.amendments).toEqual([
      expect.objectContaining({
        number: 1,
        drucksache: 'KT/103/2020',
        resolvedOn: '2020-06-24',
        joiningTenantId: 'wartburgkreis',
      }),
    ]);
    expect(r.json.members.find((m: { id: string }) => m.id === 'wartburgkreis')).toMatchObject({
      viaAmendment: 1,
      memberSince: '2020-06-24',
    });
  });

  it('answers errors as application/problem+json with a stable code and German text', async () => {
    const anonymous = await t.request('/api/v1/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
    expect(anonymous.json).toMatchObject({
      status: 401,
      code: 'auth.required',
      detailDe: 'Bitte melden Sie sich an.',
    });
    const missing = await t.request('/api/v1/gibt-es-nicht', { token });
    expect(missing.json.code).toBe('route.not_found');
    const badId = await t.request('/api/v1/benutzer/keine-uuid', { token });
    expect(badId.status).toBe(400);
    expect(badId.json.code).toBe('request.validation');
  });

  it('turns malformed JSON, invalid UTF-8 and wrong types into 400, never a 500', async () => {
    const malformed = await t.request('/api/v1/tokens', {
      token,
      body: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    const invalidUtf8 = await t.app.request('/api/v1/benutzer', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: Buffer.from([0x7b, 0x22, 0x6c, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    });
    expect(invalidUtf8.status).toBe(400);
    const wrongType = await t.request('/api/v1/tokens', { token, json: { name: 42, roles: 'lesen' } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.errors.length).toBeGreaterThan(0);
    const nul = await t.request('/api/v1/benutzer', {
      token,
      json: { login: 'nul', displayName: 'a\u0000b', password: 'lang-genug-123', roles: ['lesen'] },
    });
    expect(nul.status).toBeLessThan(500);
  });

  it('refuses a garbage bearer token with 401', async () => {
    const r = await t.request('/api/v1/me', { token: "' or 1=1 --" });
    expect(r.status).toBe(401);
  });

  it('sends security headers (CSP, no framing)', async () => {
    const r = await t.app.request('/anmelden');
    expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
