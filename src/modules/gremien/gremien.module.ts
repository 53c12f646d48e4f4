import type { DatabaseHandle } from '../../platform/database/database.ts';
import type { BlobStore } from '../blobs/blobs.module.ts';
import { createAnlagenUsecases } from './anlagen/anlagen.usecases.ts';
import { createGremienUsecases } from './gremien/gremien.usecases.ts';
import { createMitgliederUsecases } from './gremien/mitglieder.usecases.ts';
import { createBeratungenUsecases } from './sitzungen/beratungen.usecases.ts';
import { createBeschluesseUsecases } from './sitzungen/beschluesse.usecases.ts';
import { createBeschlussNummernUsecases } from './sitzungen/beschluss-nummern.usecases.ts';
import { createSitzungenUsecases } from './sitzungen/sitzungen.usecases.ts';
import { createVorlagenUsecases } from './vorlagen/vorlagen.usecases.ts';

export { type AnlagenRoutesDeps, registerAnlagenRoutes } from './anlagen/anlagen.routes.ts';
export type { Anlage } from './anlagen/anlagen.usecases.ts';
export {
  type BeschlussNummernRoutesDeps,
  registerBeschlussNummernRoutes,
} from './sitzungen/beschluss-nummern.routes.ts';
export type { Gremium } from './gremien/gremien.usecases.ts';
// Transport (rt): the staff API of council bodies and Vorlagen.
export { type GremienRoutesDeps, registerGremienRoutes } from './gremien.routes.ts';
// OParl 1.1 at /oparl/v1.1 (issue 12, point 5): public, read-only, one Body per county.
export { OPARL_MOUNT } from './oparl/oparl.models.ts';
export { createOparlApp, type OparlRoutesDeps } from './oparl/oparl.routes.ts';
export { type BodyDirectory, createOparlUsecases, type OparlUsecases } from './oparl/oparl.usecases.ts';
export { registerSitzungenRoutes, type SitzungenRoutesDeps } from './sitzungen.routes.ts';
export {
  parseNummernvorlage,
  renderDrucksachenNr,
  STANDARD_NUMMERNVORLAGE,
} from './vorlagen/drucksachen-nr.models.ts';
export type { Vorlage } from './vorlagen/vorlagen.usecases.ts';
export { registerVorlagenRoutes, type VorlagenRoutesDeps } from './vorlagen.routes.ts';

/**
 * Gremien (issue 12, part 1): each county's council bodies with members and terms, and its Vorlagen with a gapless
 * Drucksachen-Nr. Sessions with their agenda; votes, resolutions, public pages and OParl follow.
 */
export function createGremienModule(deps: {
  database: DatabaseHandle;
  blobs: BlobStore;
  uploadLimitBytes: number;
}) {
  return {
    anlagen: createAnlagenUsecases(deps),
    beschlussNummern: createBeschlussNummernUsecases(deps),
    gremien: createGremienUsecases(deps),
    mitglieder: createMitgliederUsecases(deps),
    vorlagen: createVorlagenUsecases(deps),
    sitzungen: createSitzungenUsecases(deps),
    beratungen: createBeratungenUsecases(deps),
    beschluesse: createBeschluesseUsecases(deps),
  };
}

export type GremienModule = ReturnType<typeof createGremienModule>;
