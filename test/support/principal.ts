import type { Principal } from '../../src/platform/http/principal.ts';

/**
 * A principal for calling use-cases directly in tests: no user row behind it, signed in by session
 * (default) or by an API token named `test`.
 */
export const testPrincipal = (
  tenantId: string,
  roles: Principal['roles'],
  via: 'session' | 'token' = 'session',
): Principal => ({
  tenantId,
  userId: null,
  login: 'test',
  displayName: 'Test',
  roles,
  via,
  ...(via === 'token' ? { tokenId: 'test' } : {}),
});
