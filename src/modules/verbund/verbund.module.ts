import type { DatabaseHandle } from '../../platform/database/database.ts';
import type { OnboardingRegistry } from '../../platform/onboarding/onboarding.ts';
import { createVerbundUsecases } from './verbund.usecases.ts';

export { AGREEMENT_ID, type NewMember } from './verbund.models.ts';
export { registerVerbundRoutes, type VerbundDeps } from './verbund.routes.ts';
export { createVerbundUsecases, type VerbundUsecases } from './verbund.usecases.ts';
export { registerVerbundPages } from './verbund.web.tsx';

/** The Verbund module as the composition root sees it: members, Zweckvereinbarung, onboarding. */
export function createVerbundModule(deps: { database: DatabaseHandle; onboarding: OnboardingRegistry }) {
  return { usecases: createVerbundUsecases(deps) };
}
