import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError, forbidden } from '../../shared/errors.ts';
import type { AppEnv } from './context.ts';
import { crossOrigin, isCrossSiteRequest } from './headers.ts';
import { hasRole, type Principal, type Role } from './principal.ts';
import { unauthorized } from './problem.ts';

export const SESSION_COOKIE = 'verbund_session';

/** Resolves the caller from `Authorization: Bearer` or the session cookie; never fails by itself. */
export const resolvePrincipal: MiddlewareHandler<AppEnv> = async (c, next) => {
  const services = c.get('platform');
  const header = c.req.header('authorization');
  let principal: Principal | null = null;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    principal = match ? await services.authenticator.resolveApiToken(match[1]!) : null;
    if (!principal) {
      throw new AppError({
        code: 'auth.invalid_token',
        status: 401,
        message: 'invalid, expired or revoked token',
        messageDe: 'Das Token ist ungültig, abgelaufen oder widerrufen.',
      });
    }
  } else {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) principal = await services.authenticator.resolveSession(cookie);
  }
  c.set('principal', principal);
  await next();
};

export function requirePrincipal(c: Context<AppEnv>): Principal {
  const principal = c.get('principal');
  if (!principal) throw unauthorized();
  return principal;
}

export function requireRole(c: Context<AppEnv>, ...roles: Role[]): Principal {
  const principal = requirePrincipal(c);
  if (!hasRole(principal, ...roles)) throw forbidden(`requires one of: ${roles.join(', ')}`);
  return principal;
}

/**
 * CSRF: a state-changing request authenticated by the session cookie must carry the session's
 * token (form field `_csrf` or header `X-CSRF-Token`) and, when the browser names where it comes
 * from (`Origin`, `Sec-Fetch-Site`), come from our own origin — a leaked token alone is not
 * enough. Bearer-token requests carry no ambient credentials and are exempt.
 */
export const csrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
  const principal = c.get('principal');
  if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) || !principal || principal.via !== 'session')
    return next();
  if (isCrossSiteRequest(c)) throw crossOrigin();
  // Multipart uploads put the token in the query string so the body is never parsed (buffered) here.
  let sent = c.req.header('x-csrf-token') ?? c.req.query('_csrf');
  if (!sent && (c.req.header('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
    const form = await c.req.parseBody();
    sent = typeof form._csrf === 'string' ? form._csrf : undefined;
  }
  if (!sent || sent !== principal.csrfToken) {
    throw new AppError({
      code: 'auth.csrf',
      status: 403,
      message: 'missing or wrong CSRF token',
      messageDe: 'Das Formular ist abgelaufen. Bitte laden Sie die Seite neu und versuchen Sie es erneut.',
    });
  }
  return next();
};
