import type { ApiRouter } from '../../platform/http/openapi.ts';
import { registerAenderungenRoutes } from './aenderungen/aenderungen.routes.ts';
import type { AenderungenUsecases } from './aenderungen/aenderungen.usecases.ts';
import { registerMitgliederRoutes } from './mitglieder/mitglieder.routes.ts';
import type { VerbundUsecases } from './verbund.usecases.ts';
import { registerZweckvereinbarungRoutes } from './zweckvereinbarung/zweckvereinbarung.routes.ts';

/** What these handlers use, given by the composition root. */
export type VerbundDeps = { verbund: VerbundUsecases; aenderungen: AenderungenUsecases };

/** The Verbund API, in the order of its OpenAPI document. */
export function registerVerbundRoutes(api: ApiRouter, deps: VerbundDeps) {
  registerZweckvereinbarungRoutes(api, deps);
  registerMitgliederRoutes(api, deps);
  registerAenderungenRoutes(api, deps);
}
