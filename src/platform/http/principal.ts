/** Who acts, and with which roles: the platform's view of an authenticated caller. */
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
