import type { DatabaseHandle } from '../../platform/database/database.ts';
import { createIdentityUsecases } from './identity.usecases.ts';
import { standardOrgUnitsHook } from './org-units/org-units.onboarding.ts';

// Public surface of the identity module: users, sessions (login), API tokens, org units, and the
// county's Verwaltung page. It names the Verbund's members only by shape (MemberDirectory), so
// identity imports no other module but audit; the Verbund module imports identity (first admin).
export type { MemberDirectory } from './identity.models.ts';
export { type IdentityDeps, registerIdentityRoutes } from './identity.routes.ts';
export { createIdentityUsecases, type IdentityUsecases } from './identity.usecases.ts';
export { STANDARD_ORG_UNITS, standardOrgUnitsHook } from './org-units/org-units.onboarding.ts';
export { type LoginDeps, registerAuthRoutes } from './sessions/login.pages.tsx';
export { type AddUserArgs, addUserInTrx } from './users/users.usecases.ts';
export { registerVerwaltungPages } from './verwaltung/verwaltung.pages.tsx';

/** The identity module as the composition root sees it: its use-cases and its onboarding hook. */
export function createIdentityModule(deps: { database: DatabaseHandle; sessionHours: number }) {
  return { usecases: createIdentityUsecases(deps), onboardingHook: standardOrgUnitsHook };
}
