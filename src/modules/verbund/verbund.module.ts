import type { Hono } from 'hono';
import type { DatabaseHandle } from '../../platform/database/database.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import type { Logger } from '../../platform/logger.ts';
import type { OnboardingRegistry } from '../../platform/onboarding/onboarding.ts';
import { createAenderungenCheck } from './aenderungen/aenderungen.check.ts';
import { registerAenderungenPages } from './aenderungen/aenderungen.pages.tsx';
import { type AenderungenUsecases, createAenderungenUsecases } from './aenderungen/aenderungen.usecases.ts';
import { createVollzug } from './aenderungen/vollzug.usecases.ts';
import type { CountyCouncil } from './aenderungen/vorlagen.usecases.ts';
import { registerStartPage } from './start.pages.tsx';
import type { VerbundUsecases } from './verbund.usecases.ts';
import { registerZweckvereinbarungPage } from './zweckvereinbarung/zweckvereinbarung.pages.tsx';

export type { Aenderung } from './aenderungen/aenderungen.status.ts';
export type { AenderungenUsecases } from './aenderungen/aenderungen.usecases.ts';
export { aenderungBeratungErfasst } from './aenderungen/beratung.hook.ts';
// Public surface of the Verbund module: members (onboarding a county, with its first admin from
// the identity module), the Zweckvereinbarung, what members received, the start page.
export type { NewMember } from './mitglieder/mitglieder.schemas.ts';
export { AGREEMENT_ID } from './verbund.models.ts';
export { registerVerbundRoutes, type VerbundDeps } from './verbund.routes.ts';
export { createVerbundUsecases, type VerbundUsecases } from './verbund.usecases.ts';

/** The staff start page and the Verbund overview. */
export function registerVerbundPages(
  app: Hono<AppEnv>,
  deps: { verbund: VerbundUsecases; aenderungen: AenderungenUsecases },
) {
  registerStartPage(app, deps);
  registerZweckvereinbarungPage(app, deps);
  registerAenderungenPages(app, deps);
}

/**
 * Amendments of the Zweckvereinbarung as a process: the use-cases (creating, putting a Vorlage to
 * every party's council through the council module, recording the acts), the carrying out on the
 * effective day (`vollziehen`, through the onboarding) and the check loop for the worker. The
 * council's Beratungen come back through `aenderungBeratungErfasst`, a hook the root hands to gremien.
 */
export function createAenderungenModule(deps: {
  database: DatabaseHandle;
  onboarding: OnboardingRegistry;
  council: CountyCouncil;
  logger: Logger;
}) {
  const vollzug = createVollzug(deps);
  const usecases: AenderungenUsecases = createAenderungenUsecases({
    ...deps,
    vollziehen: vollzug.vollziehen,
  });
  return {
    usecases,
    vollziehen: vollzug.vollziehen,
    createCheck: () =>
      createAenderungenCheck({ vollziehen: () => vollzug.vollziehen(), logger: deps.logger }),
  };
}
