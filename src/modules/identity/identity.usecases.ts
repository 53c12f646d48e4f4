import type { DatabaseHandle } from '../../platform/database/database.ts';
import { createApiTokenUsecases } from './api-tokens/api-tokens.usecases.ts';
import { createOrgUnitUsecases } from './org-units/org-units.usecases.ts';
import { createSessionUsecases } from './sessions/sessions.usecases.ts';
import { createUserUsecases } from './users/users.usecases.ts';

/**
 * The identity use-cases as one object: the platform's authenticator (resolveSession,
 * resolveApiToken), the CLI, the pages and the routes call it.
 */
export function createIdentityUsecases(deps: { database: DatabaseHandle; sessionHours: number }) {
  return {
    ...createSessionUsecases(deps),
    ...createApiTokenUsecases(deps),
    ...createUserUsecases(deps),
    ...createOrgUnitUsecases(deps),
  };
}

export type IdentityUsecases = ReturnType<typeof createIdentityUsecases>;
