import type { DatabaseHandle } from '../../platform/database/database.ts';
import type { BlobStore } from '../blobs/blobs.module.ts';
import type { ExtractorRegistry } from '../ingest/ingest.module.ts';
import { createAnlagenUsecases } from './anlagen/anlagen.usecases.ts';
import { createGremienAblage } from './dokumente/ablegen.usecases.ts';
import { createGremienDokumenteUsecases } from './dokumente/dokumente.usecases.ts';
import { createGremienUsecases } from './gremien/gremien.usecases.ts';
import { createMitgliederUsecases } from './gremien/mitglieder.usecases.ts';
import type { BeratungHook } from './sitzungen/beratung-hooks.ts';
import { createBeratungenUsecases } from './sitzungen/beratungen.usecases.ts';
import { createBeschluesseUsecases } from './sitzungen/beschluesse.usecases.ts';
import { createBeschlussNummernUsecases } from './sitzungen/beschluss-nummern.usecases.ts';
import { createSitzungenUsecases } from './sitzungen/sitzungen.usecases.ts';
import { createVorlageImportUsecases } from './vorlagen/vorlage-import.usecases.ts';
import { createVorlagenUsecases } from './vorlagen/vorlagen.usecases.ts';

export { type AnlagenRoutesDeps, registerAnlagenRoutes } from './anlagen/anlagen.routes.ts';
export type { Anlage } from './anlagen/anlagen.usecases.ts';
export {
  type GremienDokumenteRoutesDeps,
  registerGremienDokumenteRoutes,
} from './dokumente/dokumente.routes.ts';
export type { Gremium } from './gremien/gremien.usecases.ts';
// Transport (rt): the staff API of council bodies and Vorlagen.
export { type GremienRoutesDeps, registerGremienRoutes } from './gremien.routes.ts';
// OParl 1.1 at /oparl/v1.1 (issue 12, point 5): public, read-only, one Body per county.
export { OPARL_MOUNT } from './oparl/oparl.models.ts';
export { createOparlApp, type OparlRoutesDeps } from './oparl/oparl.routes.ts';
export { type BodyDirectory, createOparlUsecases, type OparlUsecases } from './oparl/oparl.usecases.ts';
// Public council pages at /ratsinfo (issue 12, point 4): no account, iCal per Gremium, sitemap.
export { type RatsinfoPagesDeps, registerRatsinfoPages } from './ratsinfo/ratsinfo.pages.tsx';
export { createRatsinfoUsecases, type RatsinfoUsecases } from './ratsinfo/ratsinfo.usecases.ts';
export { renderRatsinfoError } from './ratsinfo/ratsinfo-error.page.tsx';
export type { BeratungErfasst, BeratungHook } from './sitzungen/beratung-hooks.ts';
export {
  type BeschlussNummernRoutesDeps,
  registerBeschlussNummernRoutes,
} from './sitzungen/beschluss-nummern.routes.ts';
export { registerSitzungenRoutes, type SitzungenRoutesDeps } from './sitzungen.routes.ts';
// Staff pages (issue 12, point 3): Gremien, Vorlagen, Sitzungen, Sitzungscockpit, Beschlusskontrolle.
export { type GremienPagesDeps, registerGremienPages } from './ui/gremien.pages.tsx';
export {
  parseNummernvorlage,
  renderDrucksachenNr,
  STANDARD_NUMMERNVORLAGE,
} from './vorlagen/drucksachen-nr.models.ts';
export {
  registerVorlageImportRoutes,
  type VorlageImportRoutesDeps,
} from './vorlagen/vorlage-import.routes.ts';
export type { Vorlage } from './vorlagen/vorlagen.usecases.ts';
export { registerVorlagenRoutes, type VorlagenRoutesDeps } from './vorlagen.routes.ts';

/**
 * Gremien (issue 12, part 1): each county's council bodies with members and terms, and its Vorlagen with a gapless
 * Drucksachen-Nr. Sessions with their agenda; votes, resolutions, public pages and OParl follow.
 */
export function createGremienModule(deps: {
  database: DatabaseHandle;
  blobs: BlobStore;
  extractors: ExtractorRegistry;
  uploadLimitBytes: number;
  /** Told of each recorded Beratung of a Vorlage (the Verbund's amendment process). */
  beratungHooks?: readonly BeratungHook[];
}) {
  const gremien = createGremienUsecases(deps);
  // Filing of Drucksache, Einladung and Niederschrift: enqueued by the state changes that make them
  // final, done by the job worker (ablageJob).
  const ablage = createGremienAblage(deps);
  const vorlagen = createVorlagenUsecases({ ...deps, ablage });
  return {
    anlagen: createAnlagenUsecases(deps),
    dokumente: createGremienDokumenteUsecases(deps),
    vorlagenImport: createVorlageImportUsecases({ ...deps, gremien, vorlagen }),
    beschlussNummern: createBeschlussNummernUsecases(deps),
    gremien,
    mitglieder: createMitgliederUsecases(deps),
    vorlagen,
    sitzungen: createSitzungenUsecases({ ...deps, ablage }),
    beratungen: createBeratungenUsecases({ ...deps, ablage }),
    beschluesse: createBeschluesseUsecases(deps),
    ablageJob: ablage.job,
  };
}

export type GremienModule = ReturnType<typeof createGremienModule>;
