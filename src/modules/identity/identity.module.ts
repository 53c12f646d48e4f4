import type { DatabaseHandle } from '../../platform/database/database.ts';
import { standardOrgUnitsHook } from './identity.onboarding.ts';
import { createIdentityUsecases } from './identity.usecases.ts';

export { standardOrgUnitsHook } from './identity.onboarding.ts';
export { type IdentityDeps, registerIdentityRoutes } from './identity.routes.ts';
export {
  type AddUserArgs,
  addUserInTrx,
  createIdentityUsecases,
  type IdentityUsecases,
} from './identity.usecases.ts';
export { type LoginDeps, registerAuthRoutes } from './login.pages.tsx';
export { registerVerwaltungPages } from './verwaltung.web.tsx';

/** The identity module as the composition root sees it: users, sessions, API tokens, org units. */
export function createIdentityModule(deps: { database: DatabaseHandle; sessionHours: number }) {
  return { usecases: createIdentityUsecases(deps), onboardingHook: standardOrgUnitsHook };
}
