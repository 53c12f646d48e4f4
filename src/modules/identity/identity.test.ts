import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';
import { DEMO_PASSWORD } from '../../demo/verbund.seed.ts';
import { TOKEN_CACHE_MS } from './api-tokens/api-tokens.usecases.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** Fetches the login form and returns its CSRF token and cookie, as a browser would. */
async function loginForm() {
  const page = await t.app.request('/anmelden');
  const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  return { cookie, csrf };
}

async function postLogin(fields: Record<string, string>, form?: { cookie: string; csrf: string }) {
  const { cookie, csrf } = form ?? (await loginForm());
  return t.app.request('/anmelden', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
  });
}

describe('identity', () => {
  it('stores passwords as argon2id hashes, never in clear', async () => {
    const { rows } = await t.superuser.query(
      `select password_hash from users where tenant_id = 'nordhausen' and login = 'sachbearbeitung'`,
    );
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows[0].password_hash).not.toContain(DEMO_PASSWORD);
  });

  it('a case worker logs in with county, login and password and gets an HttpOnly SameSite session cookie', async () => {
    const response = await postLogin({
      tenant: 'nordhausen',
      login: 'sachbearbeitung',
      password: DEMO_PASSWORD,
    });
    expect(response.status).toBe(303);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('verbund_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const me = await t.request('/api/v1/me', { headers: { cookie: cookie.split(';')[0]! } });
    expect(me.json).toMatchObject({
      tenant: { id: 'nordhausen' },
      login: 'sachbearbeitung',
      roles: ['sachbearbeitung'],
      via: 'session',
    });
  });

  it('sets the Secure flag behind TLS', async () => {
    const { cookie, csrf } = await loginForm();
    const response = await t.app.request('/anmelden', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-proto': 'https' },
      body: new URLSearchParams({
        _csrf: csrf,
        login: 'leitung@kyffhaeuserkreis',
        password: DEMO_PASSWORD,
      }).toString(),
    });
    expect(response.status).toBe(303);
    expect(response.headers.getSetCookie().find((c) => c.startsWith('verbund_session='))).toMatch(/Secure/);
  });

  it('the same login name in another county with the wrong county is refused', async () => {
    const response = await postLogin({
      tenant: 'wartburgkreis',
      login: 'sachbearbeitung',
      password: 'falsch-falsch-falsch',
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('Landkreis, Benutzername oder Passwort sind nicht korrekt.');
  });

  it('refuses a login form without the matching CSRF token', async () => {
    const { cookie } = await loginForm();
    const response = await postLogin(
      { tenant: 'nordhausen', login: 'sachbearbeitung', password: DEMO_PASSWORD },
      { cookie, csrf: 'forged' },
    );
    expect(response.status).toBe(403);
  });

  it('locks a login after five failures, even for the right password, and tells the user until when', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await postLogin({
        tenant: 'kyffhaeuserkreis',
        login: 'lesen',
        password: `falsch-${i}-falsch`,
      });
      expect(r.status).toBe(401);
    }
    const locked = await postLogin({ tenant: 'kyffhaeuserkreis', login: 'lesen', password: DEMO_PASSWORD });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('Zu viele Fehlversuche');
    // Other logins of the county are not affected.
    const other = await postLogin({
      tenant: 'kyffhaeuserkreis',
      login: 'sachbearbeitung',
      password: DEMO_PASSWORD,
    });
    expect(other.status).toBe(303);
  });

  it('a state-changing request with the session cookie needs the CSRF token; with it, it works', async () => {
    const response = await postLogin({
      tenant: 'unstrut-hainich-kreis',
      login: 'admin',
      password: DEMO_PASSWORD,
    });
    const cookie = response.headers
      .getSetCookie()
      .find((c) => c.startsWith('verbund_session='))!
      .split(';')[0]!;
    const body = { name: 'Ohne CSRF', roles: ['lesen'] };
    const without = await t.request('/api/v1/tokens', { headers: { cookie }, json: body });
    expect(without.status).toBe(403);
    expect(without.json.code).toBe('auth.csrf');
    const me = await t.request('/api/v1/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    const start = await t.app.request('/', { headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await start.text())![1]!;
    const withToken = await t.request('/api/v1/tokens', {
      headers: { cookie, 'x-csrf-token': csrf },
      json: body,
    });
    expect(withToken.status).toBe(201);
  });

  it('API tokens are stored hashed, scoped to one county and roles, expire and can be revoked', async () => {
    const created = await t.services.identity.createApiToken({
      tenantId: 'wartburgkreis',
      roles: ['lesen'],
      actor: 'test',
    });
    const { rows } = await t.superuser.query(`select token_hash from api_tokens where id = $1`, [created.id]);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].token_hash).not.toBe(created.token);

    const me = await t.request('/api/v1/me', { token: created.token });
    expect(me.json).toMatchObject({ tenant: { id: 'wartburgkreis' }, roles: ['lesen'] });
    const forbidden = await t.request('/api/v1/tokens', {
      token: created.token,
      json: { name: 'x', roles: ['lesen'] },
    });
    expect(forbidden.status).toBe(403);

    // Changed behind the product's back (SQL): a checked token is trusted for TOKEN_CACHE_MS at most.
    await t.superuser.query(`update api_tokens set expires_at = now() - interval '1 minute' where id = $1`, [
      created.id,
    ]);
    await new Promise((resolve) => setTimeout(resolve, TOKEN_CACHE_MS + 50));
    expect((await t.request('/api/v1/me', { token: created.token })).status).toBe(401);

    const admin = await t.tokenFor('wartburgkreis', ['kreis-admin']);
    const second = await t.request('/api/v1/tokens', {
      token: admin,
      json: { name: 'Fachverfahren', roles: ['sachbearbeitung'], expiresInDays: 30 },
    });
    expect(second.status).toBe(201);
    expect((await t.request('/api/v1/me', { token: second.json.token })).status).toBe(200);
    expect(
      (await t.request(`/api/v1/tokens/${second.json.id}`, { method: 'DELETE', token: admin })).status,
    ).toBe(204);
    const revoked = await t.request('/api/v1/me', { token: second.json.token });
    expect(revoked.status).toBe(401);
    expect(revoked.json.code).toBe('auth.invalid_token');
  });

  it('a token that names another county in its prefix but was issued for this one is useless', async () => {
    const created = await t.services.identity.createApiToken({
      tenantId: 'nordhausen',
      roles: ['lesen'],
      actor: 'test',
    });
    const forged = created.token.replace('vb_nordhausen_', 'vb_wartburgkreis_');
    expect((await t.request('/api/v1/me', { token: forged })).status).toBe(401);
  });

  it('a kreis-admin adds a user; weak passwords and duplicates get clear errors', async () => {
    const admin = await t.tokenFor('nordhausen', ['kreis-admin']);
    const weak = await t.request('/api/v1/benutzer', {
      token: admin,
      json: { login: 'neu', displayName: 'Neu', password: 'kurz', roles: ['lesen'] },
    });
    expect(weak.status).toBe(400);
    expect(weak.json.detailDe).toContain('mindestens 10 Zeichen');
    const ok = await t.request('/api/v1/benutzer', {
      token: admin,
      json: { login: 'neu', displayName: 'Neu', password: 'lang-genug-123', roles: ['lesen'], orgUnit: 'OA' },
    });
    expect(ok.status).toBe(201);
    const dup = await t.request('/api/v1/benutzer', {
      token: admin,
      json: { login: 'neu', displayName: 'Neu', password: 'lang-genug-123', roles: ['lesen'] },
    });
    expect(dup.status).toBe(409);
    const injected = await t.request('/api/v1/benutzer', {
      token: admin,
      json: {
        login: "x'; drop table users;--",
        displayName: 'X',
        password: 'lang-genug-123',
        roles: ['lesen'],
      },
    });
    expect(injected.status).toBe(400);
    expect(injected.json.code).toBe('user.invalid_login');
  });
});
