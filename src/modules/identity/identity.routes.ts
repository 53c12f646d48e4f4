import type { ApiRouter } from '../../platform/http/openapi.ts';
import { registerApiTokenRoutes } from './api-tokens/api-tokens.routes.ts';
import type { MemberDirectory } from './identity.models.ts';
import type { IdentityUsecases } from './identity.usecases.ts';
import { registerOrgUnitRoutes } from './org-units/org-units.routes.ts';
import { registerMeRoutes } from './sessions/me.routes.ts';
import { registerUserRoutes } from './users/users.routes.ts';

/** What these handlers use, given by the composition root (the members come from the Verbund module). */
export type IdentityDeps = { identity: IdentityUsecases; verbund: MemberDirectory };

/** The identity API, in the order of its OpenAPI document. */
export function registerIdentityRoutes(api: ApiRouter, deps: IdentityDeps) {
  registerMeRoutes(api, deps);
  registerUserRoutes(api, deps);
  registerOrgUnitRoutes(api, deps);
  registerApiTokenRoutes(api, deps);
}
