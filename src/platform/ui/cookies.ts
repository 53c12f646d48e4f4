import type { Context } from 'hono';
import type { AppEnv } from '../http/context.ts';

/** Secure cookies behind TLS: configured, or detected from the URL / a TLS-terminating proxy. */
export function secureCookies(c: Context<AppEnv>) {
  const mode = c.get('platform').config.session.secureCookies;
  if (mode !== 'auto') return mode === 'true';
  return (
    new URL(c.req.url).protocol === 'https:' ||
    c.req.header('x-forwarded-proto') === 'https' ||
    (c.get('platform').config.server.publicUrl ?? '').startsWith('https:')
  );
}
