import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../../../platform/config.ts';
import { csrfProtection, resolvePrincipal, SESSION_COOKIE } from '../../../platform/http/auth.middleware.ts';
import { clientAddress } from '../../../platform/http/client-address.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { crossOrigin, isCrossSiteRequest } from '../../../platform/http/headers.ts';
import type { RateLimiter } from '../../../platform/http/rate-limit.ts';
import { rateLimited, withRetryAfter } from '../../../platform/http/rate-limit.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { Alert, ErrorSummary, SelectField, TextField } from '../../../platform/ui/components.tsx';
import { secureCookies } from '../../../platform/ui/cookies.ts';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { isAppError } from '../../../shared/errors.ts';
import type { MemberDirectory } from '../identity.models.ts';
import { type LoginFormError, loginFormErrors, safeNext } from './login.models.ts';
import type { SessionUsecases } from './sessions.usecases.ts';

/** What these handlers use, given by the composition root. */
export type LoginDeps = {
  config: Config;
  identity: SessionUsecases;
  rateLimits: RateLimiter;
  verbund: Pick<MemberDirectory, 'listMembers'>;
};

const LOGIN_CSRF_COOKIE = 'verbund_login_csrf';

async function renderLogin(
  deps: LoginDeps,
  c: Context<AppEnv>,
  props: {
    values?: { tenant?: string; login?: string };
    errors?: LoginFormError[];
    status?: 200 | 400 | 401 | 403 | 429;
    next?: string;
    notice?: string;
  },
) {
  const csrf = randomBytes(24).toString('base64url');
  setCookie(c, LOGIN_CSRF_COOKIE, csrf, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: secureCookies(c),
    path: '/anmelden',
  });
  const tenants = await deps.verbund.listMembers();
  // The form carries a fresh CSRF token: never from a cache.
  c.header('cache-control', 'no-store');
  return c.html(<LoginPage tenants={tenants} csrf={csrf} {...props} />, props.status ?? 200);
}

export function registerAuthRoutes(app: Hono<AppEnv>, deps: LoginDeps) {
  app.use('/abmelden', resolvePrincipal, csrfProtection);
  app.get('/anmelden', (c) =>
    renderLogin(deps, c, {
      next: safeNext(c.req.query('weiter')),
      notice: c.req.query('abgemeldet') !== undefined ? 'Sie wurden abgemeldet.' : undefined,
    }),
  );

  app.post('/anmelden', async (c) => {
    const form = await c.req.parseBody();
    const str = (key: string) => (typeof form[key] === 'string' ? (form[key] as string) : '');
    const values = { tenant: str('tenant'), login: str('login') };
    const next = safeNext(form.weiter);
    const expected = getCookie(c, LOGIN_CSRF_COOKIE);
    // A login posted from another site (login CSRF: the victim signed in as the attacker).
    if (isCrossSiteRequest(c))
      return renderLogin(deps, c, {
        values,
        next,
        status: 403,
        errors: [{ field: 'login', message: crossOrigin().messageDe }],
      });
    if (!expected || expected !== str('_csrf')) {
      return renderLogin(deps, c, {
        values,
        next,
        status: 403,
        errors: [{ field: 'login', message: 'Das Anmeldeformular ist abgelaufen. Bitte erneut versuchen.' }],
      });
    }
    const errors = loginFormErrors({ ...values, password: str('password') });
    if (errors.length > 0) return renderLogin(deps, c, { values, next, errors, status: 400 });
    // Failed logins per client address (VERBUND_RATE_LOGIN), on top of the lock per account: once
    // the window is full, no password is even checked from that address until it ends.
    const { rateLimits, config } = deps;
    const address = clientAddress(c);
    const rule = address === null ? null : config.rateLimits.login;
    const seen = rule && address ? await rateLimits.peek({ bucket: 'login', address, rule }) : null;
    if (seen?.limited) {
      const error = rateLimited(seen.retryAfterSeconds);
      const page = await renderLogin(deps, c, {
        values,
        next,
        status: 429,
        errors: [{ field: 'login', message: error.messageDe }],
      });
      return withRetryAfter(page, seen.retryAfterSeconds);
    }
    try {
      const session = await deps.identity.login({
        tenantId: values.tenant,
        login: values.login,
        password: str('password'),
      });
      setCookie(c, SESSION_COOKIE, session.cookie, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: secureCookies(c),
        path: '/',
        maxAge: deps.config.session.hours * 3600,
      });
      deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/anmelden' });
      return c.redirect(next, 303);
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      if (rule && address) await rateLimits.hit({ bucket: 'login', address, rule });
      return renderLogin(deps, c, {
        values,
        next,
        status: error.status === 429 ? 429 : 401,
        errors: [{ field: 'login', message: error.messageDe }],
      });
    }
  });

  app.post('/abmelden', async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) await deps.identity.logout(cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/anmelden?abgemeldet', 303);
  });
}

type LoginPageProps = {
  tenants: Array<{ id: string; name: string }>;
  csrf: string;
  values?: { tenant?: string; login?: string };
  errors?: LoginFormError[];
  notice?: string;
  next?: string;
};

function LoginPage({ tenants, csrf, values = {}, errors = [], notice, next }: LoginPageProps) {
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <Layout title="Anmelden">
      <div class="kern-row">
        <div class="kern-col-12 kern-col-md-8 kern-col-lg-6">
          <h1 class="kern-heading-large">Anmelden</h1>
          <p class="kern-body">
            Für Mitarbeitende der Landkreise im interkommunalen Serviceteam E-Government.
          </p>
          {notice ? <Alert kind="info" title={notice} /> : null}
          <ErrorSummary errors={errors} />
          <form method="post" action="/anmelden" novalidate>
            <CsrfField token={csrf} />
            {next ? <input type="hidden" name="weiter" value={next} /> : null}
            <div class="kern-stack">
              <SelectField
                id="tenant"
                label="Landkreis"
                value={values.tenant}
                error={errorOf('tenant')}
                options={[
                  { value: '', label: 'Bitte wählen' },
                  ...tenants.map((t) => ({ value: t.id, label: t.name })),
                ]}
              />
              <TextField
                id="login"
                label="Benutzername"
                value={values.login}
                autocomplete="username"
                error={errorOf('login')}
                hint="Alternativ: benutzername@landkreis"
              />
              <TextField
                id="password"
                label="Passwort"
                type="password"
                autocomplete="current-password"
                error={errorOf('password')}
              />
              <div>
                <SubmitButton label="Anmelden" />
              </div>
            </div>
          </form>
        </div>
      </div>
    </Layout>
  );
}
