import type { DatabaseHandle } from '../../platform/database/database.ts';
import type { ArtifactRegistry } from '../../platform/onboarding/artifacts.ts';
import { createAnbindungenZustandUsecases } from './anbindungen/zustand.usecases.ts';
import { createFoerdermittelUsecases } from './foerdermittel/foerdermittel.usecases.ts';
import { createKennzahlenUsecases } from './kennzahlen/kennzahlen.usecases.ts';
import { createKostenUsecases } from './kosten/kosten.usecases.ts';
import { createNachnutzungUsecases } from './nachnutzung/nachnutzung.usecases.ts';
import { createReifegradUsecases } from './reifegrad/reifegrad.usecases.ts';

export { registerFoerdermittelRoutes } from './foerdermittel/foerdermittel.routes.ts';
export { erfasseAusgaben, legeBewilligungAn } from './foerdermittel/foerdermittel.usecases.ts';
export { createSteuerungAuffrischung } from './kennzahlen/auffrischung.ts';
// Public surface of the steering module (issue 13): cost sharing among the members, reuse of the
// shared artifacts (kinds come from the platform's artifact registry).
export { centAusEuro, euro } from './kosten/betrag.models.ts';
export { SCHLUESSEL_ARTEN, type SchluesselArt } from './kosten/schluessel.models.ts';
export { STANDARD_ARTEFAKT_ARTEN } from './nachnutzung/artefakt-arten.ts';
export { registerReifegradRoutes } from './reifegrad/reifegrad.routes.ts';
export { berechneReifegrade, erfasseReifegrad } from './reifegrad/reifegrad.usecases.ts';
export { steuerungErrors } from './steuerung.errors.ts';

/** Steuerung: what the Verbund shares and costs, per member and over time. */
export function createSteuerungModule(deps: { database: DatabaseHandle; artifacts: ArtifactRegistry }) {
  return {
    kosten: createKostenUsecases(deps),
    nachnutzung: createNachnutzungUsecases(deps),
    kennzahlen: createKennzahlenUsecases(deps),
    anbindungen: createAnbindungenZustandUsecases(deps),
    reifegrad: createReifegradUsecases(deps),
    foerdermittel: createFoerdermittelUsecases(deps),
  };
}

export type SteuerungModule = ReturnType<typeof createSteuerungModule>;
