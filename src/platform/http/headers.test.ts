import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';
import { DEMO_PASSWORD } from '../../demo/verbund.seed.ts';

let t: TestContext;
let token: string;
let session: { cookie: string; csrf: string };
beforeAll(async () => {
  t = await createTestContext();
  token = await t.tokenFor('nordhausen');
  session = await staffSession(t);
});
afterAll(() => t.close());

async function loginForm(ctx: TestContext) {
  const page = await ctx.app.request('/anmelden');
  const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  return { cookie, csrf };
}

function postLogin(
  ctx: TestContext,
  form: { cookie: string; csrf: string },
  headers: Record<string, string> = {},
) {
  return ctx.app.request('/anmelden', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie, ...headers },
    body: new URLSearchParams({
      _csrf: form.csrf,
      tenant: 'nordhausen',
      login: 'admin',
      password: DEMO_PASSWORD,
    }).toString(),
  });
}

async function staffSession(ctx: TestContext) {
  const response = await postLogin(ctx, await loginForm(ctx));
  expect(response.status).toBe(303);
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('verbund_session='))!
    .split(';')[0]!;
  const start = await ctx.app.request('/', { headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await start.text())![1]!;
  return { cookie, csrf };
}

const createToken = (headers: Record<string, string>) =>
  t.request('/api/v1/tokens', {
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers },
    json: { name: `Token ${Math.random()}`, roles: ['lesen'] },
  });

describe('headers', () => {
  it('staff pages and API answers for a signed-in person carry Cache-Control: no-store', async () => {
    for (const path of ['/', '/akten', '/postkorb', '/verwaltung']) {
      const page = await t.app.request(path, { headers: { cookie: session.cookie } });
      expect(page.status, path).toBe(200);
      expect(page.headers.get('cache-control'), path).toBe('no-store');
    }
    const me = await t.request('/api/v1/me', { token });
    expect(me.headers.get('cache-control')).toBe('no-store');
    const akte = await t.request('/api/v1/akten', { token, json: { titel: 'Cache' } });
    expect(akte.headers.get('cache-control')).toBe('no-store');
    const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token,
      json: { betreff: 'Cache' },
    });
    const form = new FormData();
    form.set('datei', new Blob(['Bescheid']), 'bescheid.txt');
    const doc = await t.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, { token, body: form });
    const content = await t.app.request(`/api/v1/dokumente/${doc.json.id}/inhalt`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(content.headers.get('cache-control')).toBe('no-store');
    // Errors of a signed-in person too; public assets stay cacheable.
    const missing = await t.request('/api/v1/akten/00000000-0000-4000-8000-000000000000', { token });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
    const asset = await t.app.request('/assets/app/app.css');
    expect(asset.headers.get('cache-control')).toContain('public');
  });

  it('the login page and the portal pages with personal data (drafts, status) are not cached', async () => {
    expect((await t.app.request('/anmelden')).headers.get('cache-control')).toBe('no-store');
    const started = await t.app.request('/portal/leistungen/bewohnerparkausweis/antrag', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'gemeinde=16062041',
    });
    const draft = await t.app.request(started.headers.get('location')!);
    expect(draft.status).toBe(200);
    expect(draft.headers.get('cache-control')).toBe('no-store');
    const status = await t.app.request('/portal/status/16062-AAAA-BBBB-CCCC-DDDD');
    expect(status.headers.get('cache-control')).toBe('no-store');
  });

  it('HSTS is not sent over plain HTTP, nor for an X-Forwarded-Proto nobody vouches for', async () => {
    expect((await t.app.request('/anmelden')).headers.get('strict-transport-security')).toBeNull();
    const forged = await t.app.request('/anmelden', { headers: { 'x-forwarded-proto': 'https' } });
    expect(forged.headers.get('strict-transport-security')).toBeNull();
  });

  it('HSTS is sent when the public address is https, or when a trusted proxy terminated TLS', async () => {
    const publicHttps = await createTestContext({ PUBLIC_URL: 'https://verbund.example.de' });
    const proxied = await createTestContext({ VERBUND_TRUSTED_PROXIES: '1' });
    try {
      expect((await publicHttps.app.request('/anmelden')).headers.get('strict-transport-security')).toMatch(
        /^max-age=\d+/,
      );
      const viaTls = await proxied.app.request('/anmelden', { headers: { 'x-forwarded-proto': 'https' } });
      expect(viaTls.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
      const viaHttp = await proxied.app.request('/anmelden', { headers: { 'x-forwarded-proto': 'http' } });
      expect(viaHttp.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await publicHttps.close();
      await proxied.close();
    }
  });

  it('a valid CSRF token from a foreign Origin is refused', async () => {
    const foreign = await createToken({ origin: 'https://angreifer.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.json).toMatchObject({
      code: 'auth.cross_origin',
      detailDe: 'Die Anfrage kam von einer fremden Seite und wurde abgelehnt.',
    });
    expect((await createToken({ origin: 'null' })).status).toBe(403);
    expect((await createToken({ origin: 'http://localhost.angreifer.example' })).status).toBe(403);
    // The same staff form posted from a foreign page.
    const form = await t.app.request('/abmelden', {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://angreifer.example',
      },
      body: `_csrf=${session.csrf}`,
    });
    expect(form.status).toBe(403);
  });

  it('Sec-Fetch-Site: cross-site is refused even with a valid CSRF token; same-origin requests work', async () => {
    const crossSite = await createToken({ 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.json.code).toBe('auth.cross_origin');
    expect((await createToken({ origin: 'http://localhost', 'sec-fetch-site': 'same-origin' })).status).toBe(
      201,
    );
    // Without Origin and Sec-Fetch-Site (a non-browser client with the token): as before.
    expect((await createToken({})).status).toBe(201);
    // A token without the session is not affected (no ambient credentials).
    const bearer = await t.request('/api/v1/tokens', {
      token,
      headers: { origin: 'https://angreifer.example' },
      json: { name: 'Per Token', roles: ['lesen'] },
    });
    expect(bearer.status).toBe(201);
  });

  it('the configured public address, or the host a trusted proxy forwards, counts as our own origin', async () => {
    const behindProxy = await createTestContext({ PUBLIC_URL: 'https://verbund.example.de' });
    const trusting = await createTestContext({ VERBUND_TRUSTED_PROXIES: '1' });
    try {
      const own = await staffSession(behindProxy);
      const response = await behindProxy.request('/api/v1/tokens', {
        headers: { cookie: own.cookie, 'x-csrf-token': own.csrf, origin: 'https://verbund.example.de' },
        json: { name: 'Über den Proxy', roles: ['lesen'] },
      });
      expect(response.status).toBe(201);
      const forwarded = {
        origin: 'https://verbund.example.de',
        'x-forwarded-host': 'verbund.example.de',
      };
      const viaTrusted = await staffSession(trusting);
      const trusted = await trusting.request('/api/v1/tokens', {
        headers: { cookie: viaTrusted.cookie, 'x-csrf-token': viaTrusted.csrf, ...forwarded },
        json: { name: 'Über den Proxy', roles: ['lesen'] },
      });
      expect(trusted.status).toBe(201);
      // X-Forwarded-Host from anyone else proves nothing.
      const forged = await t.request('/api/v1/tokens', {
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...forwarded },
        json: { name: 'Gefälscht', roles: ['lesen'] },
      });
      expect(forged.status).toBe(403);
    } finally {
      await behindProxy.close();
      await trusting.close();
    }
  });

  it('a login posted from a foreign site is refused and no session is created', async () => {
    const foreign: Array<Record<string, string>> = [
      { origin: 'https://angreifer.example' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of foreign) {
      const response = await postLogin(t, await loginForm(t), headers);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('fremden Seite');
      expect(response.headers.getSetCookie().some((c) => c.startsWith('verbund_session='))).toBe(false);
    }
    expect((await postLogin(t, await loginForm(t), { origin: 'http://localhost' })).status).toBe(303);
  });

  it('a portal form posted from a foreign site is refused', async () => {
    const foreign: Array<Record<string, string>> = [
      { origin: 'https://angreifer.example' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
    ];
    for (const headers of foreign) {
      const response = await t.app.request('/portal/leistungen/bewohnerparkausweis/antrag', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: 'gemeinde=16062041',
      });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('fremden Seite');
    }
    const own = await t.app.request('/portal/leistungen/bewohnerparkausweis/antrag', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost',
        'sec-fetch-site': 'same-origin',
      },
      body: 'gemeinde=16062041',
    });
    expect(own.status).toBe(303);
  });
});
