import type { DatabaseHandle } from '../../platform/database/database.ts';
import { createGremienUsecases } from './gremien/gremien.usecases.ts';
import { createVorlagenUsecases } from './vorlagen/vorlagen.usecases.ts';

export type { Gremium } from './gremien/gremien.usecases.ts';
// Transport (rt): the staff API of council bodies and Vorlagen.
export { type GremienRoutesDeps, registerGremienRoutes } from './gremien.routes.ts';
export {
  parseNummernvorlage,
  renderDrucksachenNr,
  STANDARD_NUMMERNVORLAGE,
} from './vorlagen/drucksachen-nr.models.ts';
export type { Vorlage } from './vorlagen/vorlagen.usecases.ts';

/**
 * Gremien (issue 12, part 1): each county's council bodies and its Vorlagen with a gapless
 * Drucksachen-Nr. Sessions, agenda, votes, resolutions, public pages and OParl follow.
 */
export function createGremienModule(deps: { database: DatabaseHandle }) {
  return { gremien: createGremienUsecases(deps), vorlagen: createVorlagenUsecases(deps) };
}

export type GremienModule = ReturnType<typeof createGremienModule>;
