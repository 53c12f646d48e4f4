import type { TenantTrx } from '../database/database.ts';

/** One artifact a joining county received: a filing-plan template, a service, a connector … */
export type ReceivedArtifact = {
  kind: string;
  id: string;
  label: string;
  ownerTenantId?: string | null;
  status?: 'active' | 'pending';
  note?: string;
};

export type OnboardingContext = {
  /** Transaction already scoped to the joining county. */
  trx: TenantTrx;
  tenant: { id: string; name: string; kreisschluessel: string };
  actor: string;
};

/**
 * A module's contribution to onboarding. Each module registers one hook in the composition root;
 * onboarding runs them all in the joining county's transaction, so a county gets everything the
 * Verbund shares at once, and the onboarding code never changes when a module is added.
 */
export type OnboardingHook = {
  name: string;
  label: string;
  activate(context: OnboardingContext): Promise<ReceivedArtifact[]>;
};

export function createOnboardingRegistry() {
  const hooks: OnboardingHook[] = [];
  return {
    register(hook: OnboardingHook) {
      if (hooks.some((h) => h.name === hook.name))
        throw new Error(`onboarding hook ${hook.name} registered twice`);
      hooks.push(hook);
    },
    hooks: () => [...hooks],
  };
}

export type OnboardingRegistry = ReturnType<typeof createOnboardingRegistry>;
