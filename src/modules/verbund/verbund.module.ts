import type { Hono } from 'hono';
import type { AppEnv } from '../../platform/http/context.ts';
import { registerStartPage } from './start.pages.tsx';
import type { VerbundUsecases } from './verbund.usecases.ts';
import { registerZweckvereinbarungPage } from './zweckvereinbarung/zweckvereinbarung.pages.tsx';

// Public surface of the Verbund module: members (onboarding a county, with its first admin from
// the identity module), the Zweckvereinbarung, what members received, the start page.
export type { NewMember } from './mitglieder/mitglieder.schemas.ts';
export { AGREEMENT_ID } from './verbund.models.ts';
export { registerVerbundRoutes, type VerbundDeps } from './verbund.routes.ts';
export { createVerbundUsecases, type VerbundUsecases } from './verbund.usecases.ts';

/** The staff start page and the Verbund overview. */
export function registerVerbundPages(app: Hono<AppEnv>, deps: { verbund: VerbundUsecases }) {
  registerStartPage(app, deps);
  registerZweckvereinbarungPage(app, deps);
}
