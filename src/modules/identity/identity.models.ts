import { createHash, randomBytes } from 'node:crypto';

export const ROLES = ['verbund-admin', 'kreis-admin', 'sachbearbeitung', 'leitung', 'lesen'] as const;
export type Role = (typeof ROLES)[number];

export const roleLabels: Record<Role, string> = {
  'verbund-admin': 'Serviceteam (Verbund-Administration)',
  'kreis-admin': 'Kreis-Administration',
  sachbearbeitung: 'Sachbearbeitung',
  leitung: 'Leitung',
  lesen: 'Lesen',
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Who acts: a person through a session, or a token (a Fachverfahren, a script) on behalf of a county. */
export type Principal = {
  tenantId: string;
  userId: string | null;
  login: string | null;
  displayName: string;
  roles: Role[];
  via: 'session' | 'token';
  tokenId?: string;
  /** Set when the token belongs to a registered Fachverfahren. */
  fachverfahrenId?: string | null;
  csrfToken?: string;
};

export const hasRole = (principal: Principal, ...roles: Role[]) =>
  principal.roles.some((role) => roles.includes(role));

/** Audit actor string: `user:<login>` or `token:<id>`. */
export const actorOf = (principal: Principal) =>
  principal.via === 'token' ? `token:${principal.tokenId}` : `user:${principal.login}`;

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
