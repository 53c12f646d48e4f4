import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  createWebProcess,
  type TestContext,
  type WebProcess,
} from '../../../test/support/context.ts';
import { DEMO_PASSWORD } from '../../demo/verbund.seed.ts';
import { parseRate, parseTrustedProxies } from '../config.ts';
import { addressSubject, resolveClientAddress } from './client-address.ts';
import type { AppEnv } from './context.ts';
import { rateLimit } from './rate-limit.ts';

let t: TestContext;
let second: WebProcess;
let secondApp: WebProcess['app'];
let proxied: WebProcess;
let proxiedApp: WebProcess['app'];

beforeAll(async () => {
  // The defaults for tracking codes (30/1m) and logins (20/10m); Anträge tightened to 3 per 10 min.
  t = await createTestContext({ VERBUND_RATE_PORTAL_SUBMIT: '3/10m' });
  // A second web process on the same database, and one behind a trusted proxy (10.0.0.0/8).
  second = createWebProcess({ config: t.config, appUrl: t.appUrl });
  secondApp = second.app;
  proxied = createWebProcess({
    config: { ...t.config, trustedProxies: parseTrustedProxies('10.0.0.0/8')! },
    appUrl: t.appUrl,
  });
  proxiedApp = proxied.app;
});
afterAll(async () => {
  await second.close();
  await proxied.close();
  await t.close();
});

/** The bindings @hono/node-server passes: the request arrives on a socket from `address`. */
const socketFrom = (address: string) => ({
  incoming: {
    socket: {
      remoteAddress: address,
      remotePort: 51000,
      remoteFamily: address.includes(':') ? 'IPv6' : 'IPv4',
    },
  },
});

type App = WebProcess['app'];
function send(
  address: string,
  path: string,
  init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  app: App = t.app,
) {
  const headers: Record<string, string> = { accept: 'text/html', ...init.headers };
  let body: string | undefined;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  return app.request(
    path,
    { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body },
    socketFrom(address),
  );
}

const startAntrag = (address: string, app?: App, headers?: Record<string, string>) =>
  send(
    address,
    '/portal/leistungen/bewohnerparkausweis/antrag',
    { form: { gemeinde: '16062041' }, headers },
    app,
  );

describe('rate limits per client address', () => {
  it('answers a flood of portal Anträge from one address with 429, Retry-After and a German page', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await startAntrag('203.0.113.10')).status);
    expect(statuses).toEqual([303, 303, 303, 429, 429, 429]);

    const limited = await startAntrag('203.0.113.10');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    const html = await limited.text();
    expect(limited.headers.get('content-type')).toMatch(/text\/html/);
    expect(html).toContain('Zu viele Anfragen – bitte warten Sie');
    expect(html).toContain(`${retryAfter} Sekunden`);
    // Another citizen is not affected.
    expect((await startAntrag('203.0.113.11')).status).toBe(303);
  });

  it('limits sending (absenden) per address, independently of starting', async () => {
    const drafts = await Promise.all(
      [1, 2, 3, 4].map(() => t.services.ozg.drafts.start('bewohnerparkausweis', '16062041')),
    );
    const statuses: number[] = [];
    for (const draft of drafts)
      statuses.push(
        (await send('203.0.113.20', `/portal/antrag/${draft.tenantId}/${draft.id}/absenden`, { form: {} }))
          .status,
      );
    // Incomplete drafts go back to the summary (303) – until the fourth attempt, which is refused.
    expect(statuses).toEqual([303, 303, 303, 429]);
  });

  it('makes 300 tracking-code guesses impossible: 30 per minute, the rest 429', async () => {
    const guesses = Array.from(
      { length: 300 },
      (_, i) => `16062-AAAA-BBBB-CCCC-${String(i).padStart(4, '0')}`,
    );
    const statuses: number[] = [];
    for (let i = 0; i < guesses.length; i += 20)
      statuses.push(
        ...(await Promise.all(
          guesses
            .slice(i, i + 20)
            .map(async (code) => (await send('198.51.100.30', `/portal/status?code=${code}`)).status),
        )),
      );
    expect(statuses.filter((s) => s === 404)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(270);
    const limited = await send('198.51.100.30', '/portal/status/16062-AAAA-BBBB-CCCC-DDDD');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // The empty form costs nothing.
    expect((await send('198.51.100.30', '/portal/status')).status).toBe(200);
  });

  it('stops 50 failed logins against 26 accounts from one address after 20, even with the right password', async () => {
    const logins = ['sachbearbeitung', 'leitung', 'lesen', 'admin', 'serviceteam', 'kasse', 'x'];
    const tenants = ['nordhausen', 'kyffhaeuserkreis', 'unstrut-hainich-kreis', 'wartburgkreis'];
    const accounts = tenants.flatMap((tenant) => logins.map((login) => ({ tenant, login }))).slice(0, 26);
    const login = (address: string, tenant: string, user: string, password: string) =>
      send(address, '/anmelden', {
        form: { tenant, login: user, password, _csrf: 'c', weiter: '/' },
        headers: { cookie: 'verbund_login_csrf=c' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      const { tenant, login: user } = accounts[i % accounts.length]!;
      statuses.push((await login('192.0.2.40', tenant, user, `falsch-${i}`)).status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);

    const right = await login('192.0.2.40', 'wartburgkreis', 'lesen', DEMO_PASSWORD);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await right.text()).toContain('Zu viele Anfragen');
    // The same account from another address: signed in (the per-account lock was not reached).
    expect((await login('192.0.2.41', 'wartburgkreis', 'lesen', DEMO_PASSWORD)).status).toBe(303);
  });

  it('shares the counts between two web processes on the same database', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await startAntrag('203.0.113.50', i % 2 === 0 ? t.app : secondApp)).status);
    expect(statuses).toEqual([303, 303, 303, 429, 429, 429]);
  });

  it('ignores X-Forwarded-For unless the connection comes from a trusted proxy', async () => {
    // Untrusted peer: rotating the header does not help.
    const rotating: number[] = [];
    for (let i = 0; i < 4; i++)
      rotating.push(
        (await startAntrag('198.51.100.60', t.app, { 'x-forwarded-for': `192.0.2.${i}` })).status,
      );
    expect(rotating).toEqual([303, 303, 303, 429]);

    // Behind the trusted proxy each forwarded client has its own budget …
    const viaProxy = (client: string) => startAntrag('10.0.0.5', proxiedApp, { 'x-forwarded-for': client });
    for (let i = 0; i < 3; i++) expect((await viaProxy('203.0.113.70')).status).toBe(303);
    expect((await viaProxy('203.0.113.70')).status).toBe(429);
    expect((await viaProxy('203.0.113.71')).status).toBe(303);
    // … and an address forged to the left of the one the proxy appended changes nothing.
    expect((await viaProxy('192.0.2.99, 203.0.113.70')).status).toBe(429);
    // An untrusted peer talking to the same process is counted by its own address.
    for (let i = 0; i < 3; i++)
      expect(
        (await startAntrag('198.51.100.61', proxiedApp, { 'x-forwarded-for': '203.0.113.72' })).status,
      ).toBe(303);
    expect((await viaProxy('203.0.113.72')).status).toBe(303);
  });

  it('answers API clients with problem+json rate_limited and Retry-After', async () => {
    const api = new Hono<AppEnv>();
    api.use('*', (c, next) => {
      c.set('platform', t.services.platform);
      return next();
    });
    api.get(
      '/api/v1/probe',
      rateLimit({ bucket: 'probe', rule: () => ({ limit: 1, windowSeconds: 30 }) }),
      (c) => c.json({ ok: true }),
    );
    expect((await api.request('/api/v1/probe', {}, socketFrom('192.0.2.80'))).status).toBe(200);
    const limited = await api.request('/api/v1/probe', {}, socketFrom('192.0.2.80'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    expect(await limited.json()).toMatchObject({ code: 'rate_limited', status: 429 });
  });

  it('counts the socket address behind a real HTTP server', async () => {
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const { port } = server.address() as AddressInfo;
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await fetch(
          `http://127.0.0.1:${port}/portal/leistungen/bewohnerparkausweis/antrag`,
          {
            method: 'POST',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              'x-forwarded-for': `192.0.2.${i}`,
            },
            body: 'gemeinde=16062041',
            redirect: 'manual',
          },
        );
        await response.arrayBuffer();
        statuses.push(response.status);
      }
      expect(statuses).toEqual([303, 303, 303, 429]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('does not limit in-process requests without a socket (tests, tools)', async () => {
    for (let i = 0; i < 5; i++)
      expect(
        (
          await t.app.request('/portal/leistungen/bewohnerparkausweis/antrag', {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: 'gemeinde=16062041',
          })
        ).status,
      ).toBe(303);
  });
});

describe('client address and settings', () => {
  it('reads the client from the right of X-Forwarded-For by hops or past trusted addresses', () => {
    const hops = parseTrustedProxies('1')!;
    expect(resolveClientAddress({ peer: '10.1.1.1', forwardedFor: '1.1.1.1, 2.2.2.2', trusted: hops })).toBe(
      '2.2.2.2',
    );
    expect(
      resolveClientAddress({ peer: '10.1.1.1', forwardedFor: '2.2.2.2', trusted: parseTrustedProxies('3')! }),
    ).toBe('2.2.2.2');
    const list = parseTrustedProxies('10.0.0.0/8, ::1')!;
    expect(
      resolveClientAddress({ peer: '::1', forwardedFor: '3.3.3.3, 2.2.2.2, 10.9.9.9', trusted: list }),
    ).toBe('2.2.2.2');
    expect(resolveClientAddress({ peer: '::ffff:192.0.2.1', forwardedFor: '2.2.2.2', trusted: list })).toBe(
      '192.0.2.1',
    );
    expect(resolveClientAddress({ peer: '10.0.0.1', forwardedFor: '[2001:db8::1]:443', trusted: list })).toBe(
      '2001:db8::1',
    );
  });

  it('counts IPv6 clients per /64 and never stores an address in clear', () => {
    expect(addressSubject('2001:db8:1:2::1')).toBe(addressSubject('2001:db8:1:2:ffff:1:2:3'));
    expect(addressSubject('2001:db8:1:3::1')).not.toBe(addressSubject('2001:db8:1:2::1'));
    expect(addressSubject('192.0.2.1')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('parses limits as count/period and refuses nonsense', () => {
    expect(parseRate('20/10m')).toEqual({ limit: 20, windowSeconds: 600 });
    expect(parseRate('5/1h')).toEqual({ limit: 5, windowSeconds: 3600 });
    expect(parseRate('off')).toBeNull();
    expect(parseTrustedProxies('10.0.0.0/33')).toBeNull();
    expect(parseTrustedProxies('proxy.example')).toBeNull();
  });
});
