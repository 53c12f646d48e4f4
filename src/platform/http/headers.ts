import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from '../../shared/errors.ts';
import { fromTrustedProxy } from './client-address.ts';
import type { AppEnv } from './context.ts';

const HSTS = 'max-age=15552000; includeSubDomains';

/**
 * Page-wide security headers (CSP, nosniff, frame and referrer policy). Strict-Transport-Security
 * only on requests that came over TLS: sent over plain HTTP it is ignored at best and, behind a
 * misconfigured proxy, pins a host name to https that does not serve it.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  const secure = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
    },
    referrerPolicy: 'same-origin',
    strictTransportSecurity: false,
  });
  // Document content sets its own, stricter headers (sandbox, nosniff; PDF previews may be framed by
  // our own pages), so the page-wide policy is not applied there.
  const isDocumentContent = (path: string) => /^\/api\/v1\/dokumente\/[^/]+\/inhalt$/.test(path);
  return async (c, next) => {
    if (isDocumentContent(c.req.path)) await next();
    else await secure(c, next);
    if (cameOverTls(c)) c.header('strict-transport-security', HSTS);
  };
}

/**
 * Whatever a signed-in person sees is kept out of every cache (shared machines in an office, proxy
 * caches): API answers and pages for a principal, and pages that set `no-store` themselves.
 */
export const noStoreWhenAuthenticated: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.get('principal')) c.header('cache-control', 'no-store');
};

/** TLS: the connection itself, a public https address, or a trusted proxy that terminated TLS. */
export function cameOverTls(c: Context<AppEnv>) {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if ((c.get('platform').config.server.publicUrl ?? '').startsWith('https:')) return true;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' && fromTrustedProxy(c);
}

export const crossOrigin = () =>
  new AppError({
    code: 'auth.cross_origin',
    status: 403,
    message: 'state-changing request from a foreign origin',
    messageDe: 'Die Anfrage kam von einer fremden Seite und wurde abgelehnt.',
  });

/**
 * A browser's state-changing request from another site: `Sec-Fetch-Site: cross-site`, or an
 * `Origin` that is neither the configured public address nor the host the request was sent to
 * (Host, or X-Forwarded-Host from a trusted proxy; `null` — sandboxed documents, privacy
 * redirects — counts as foreign). Requests without both
 * headers come from non-browser clients and are left to the token checks.
 */
export function isCrossSiteRequest(c: Context<AppEnv>) {
  if (c.req.header('sec-fetch-site') === 'cross-site') return true;
  const origin = c.req.header('origin');
  if (origin === undefined) return false;
  let url: URL;
  try {
    url = new URL(origin); // "null" does not parse either
  } catch {
    return true;
  }
  if (!/^https?:$/.test(url.protocol)) return true;
  const publicUrl = c.get('platform').config.server.publicUrl;
  if (publicUrl && new URL(publicUrl).origin === url.origin) return false;
  const hosts = [c.req.header('host') ?? new URL(c.req.url).host];
  // Behind a proxy that rewrites Host, the name the browser used arrives as X-Forwarded-Host.
  const forwardedHost = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
  if (forwardedHost && fromTrustedProxy(c)) hosts.push(forwardedHost);
  return !hosts.some((host) => host.toLowerCase() === url.host);
}
