import { DEMO_PASSWORD } from '../../src/demo/verbund.seed.ts';
import type { TestContext } from './context.ts';

/** A signed-in demo person as a browser holds it: the session cookie and the CSRF token. */
export type Sitzung = { cookie: string; csrf: string };

/** Signs a demo person in (demo password) and returns cookie and CSRF token. */
export async function anmelden(t: TestContext, tenantId: string, login: string): Promise<Sitzung> {
  const { cookie } = await t.services.identity.login({ tenantId, login, password: DEMO_PASSWORD });
  const principal = await t.services.identity.resolveSession(cookie);
  return { cookie: `verbund_session=${cookie}`, csrf: principal!.csrfToken! };
}

/** GET a page with the session. */
export async function holen(t: TestContext, s: Sitzung, path: string, headers: Record<string, string> = {}) {
  const r = await t.app.request(path, { headers: { cookie: s.cookie, ...headers } });
  return { status: r.status, text: await r.text() };
}

/** POST a plain form with the session (and its CSRF token unless `csrf` is ''). */
export async function senden(
  t: TestContext,
  s: Sitzung,
  path: string,
  felder: Record<string, string>,
  { csrf = s.csrf, headers = {} }: { csrf?: string; headers?: Record<string, string> } = {},
) {
  const r = await t.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s.cookie, ...headers },
    body: new URLSearchParams(csrf ? { _csrf: csrf, ...felder } : felder).toString(),
  });
  return { status: r.status, location: r.headers.get('location') ?? '', text: await r.text() };
}

/** The CSRF token a rendered form carries. */
export const csrfAus = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
