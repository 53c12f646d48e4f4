import { createHash, randomBytes } from 'node:crypto';

export const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Secrets carry their tenant in clear so a request can be scoped before any lookup:
 * `vb_<tenant>_<secret>` for API tokens, `<tenant>.<secret>` for session cookies.
 * Only the SHA-256 of the whole string is stored.
 */
export function newApiToken(tenantId: string) {
  const token = `vb_${tenantId}_${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: sha256Hex(token) };
}

export function parseApiToken(token: string) {
  const match = /^vb_([a-z0-9]+(?:-[a-z0-9]+)*)_([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { tenantId: match[1]!, tokenHash: sha256Hex(token) } : null;
}

export function newSessionSecret(tenantId: string) {
  const cookie = `${tenantId}.${randomBytes(32).toString('base64url')}`;
  return { cookie, sessionId: sha256Hex(cookie), csrfToken: randomBytes(24).toString('base64url') };
}

export function parseSessionCookie(cookie: string) {
  const match = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.([A-Za-z0-9_-]{43})$/.exec(cookie);
  return match ? { tenantId: match[1]!, sessionId: sha256Hex(cookie) } : null;
}

/** Accepts `name@tenant` in the login field as a shortcut for choosing the county. */
export function splitLogin(login: string, tenantId?: string) {
  const trimmed = login.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at > 0) return { login: trimmed.slice(0, at), tenantId: trimmed.slice(at + 1) };
  return { login: trimmed, tenantId: tenantId?.trim().toLowerCase() ?? '' };
}

/**
 * The Verbund's members as identity needs them (login form, "who am I", page headers). The Verbund
 * module provides them; identity names only the shape, so it does not import the Verbund module.
 */
export type MemberDirectory = {
  listMembers(): Promise<Array<{ id: string; name: string }>>;
  getMember(id: string): Promise<{ id: string; name: string; kreisschluessel: string } | undefined>;
};
