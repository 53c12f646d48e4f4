import type { DatabaseHandle } from '../../platform/database/database.ts';
import type { OnboardingRegistry } from '../../platform/onboarding/onboarding.ts';
import { createAktivierungenUsecases } from './aktivierungen/aktivierungen.usecases.ts';
import { createMitgliederUsecases } from './mitglieder/mitglieder.usecases.ts';
import { createZweckvereinbarungUsecases } from './zweckvereinbarung/zweckvereinbarung.usecases.ts';

/** The Verbund's use-cases as one object (services.verbund): members, Zweckvereinbarung, activations. */
export function createVerbundUsecases(deps: { database: DatabaseHandle; onboarding: OnboardingRegistry }) {
  return {
    ...createMitgliederUsecases(deps),
    ...createZweckvereinbarungUsecases(deps),
    ...createAktivierungenUsecases(deps),
  };
}

export type VerbundUsecases = ReturnType<typeof createVerbundUsecases>;
