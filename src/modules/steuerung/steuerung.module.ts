import type { DatabaseHandle } from '../../platform/database/database.ts';
import type { ArtifactRegistry } from '../../platform/onboarding/artifacts.ts';
import { createAnbindungenZustandUsecases } from './anbindungen/zustand.usecases.ts';
import { createSteuerungAnsicht } from './ansicht/ansicht.usecases.ts';
import { foerdermittelAbschnitt } from './foerdermittel/foerdermittel.abschnitt.ts';
import { createFoerdermittelUsecases } from './foerdermittel/foerdermittel.usecases.ts';
import { createKennzahlenUsecases } from './kennzahlen/kennzahlen.usecases.ts';
import { createKostenUsecases } from './kosten/kosten.usecases.ts';
import { createNachnutzungUsecases } from './nachnutzung/nachnutzung.usecases.ts';
import { nachnutzungsgradAbschnitt } from './nachnutzung/nachnutzungsgrad.abschnitt.ts';
import { reifegradAbschnitt } from './reifegrad/reifegrad.abschnitt.ts';
import { createReifegradUsecases } from './reifegrad/reifegrad.usecases.ts';

export type { AbschnittQuelle, Kennzahl, SteuerungKontext } from './ansicht/abschnitte.ts';
export { registerSteuerungPages } from './ansicht/steuerung.pages.tsx';
export { registerFoerdermittelPages } from './foerdermittel/foerdermittel.pages.tsx';
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
export { registerReifegradPages } from './reifegrad/ui/reifegrad.pages.tsx';
export { steuerungErrors } from './steuerung.errors.ts';
export { registerSteuerungRoutes } from './steuerung.routes.ts';

/** Steuerung: what the Verbund shares and costs, per member and over time. */
export function createSteuerungModule(deps: { database: DatabaseHandle; artifacts: ArtifactRegistry }) {
  const kosten = createKostenUsecases(deps);
  const nachnutzung = createNachnutzungUsecases(deps);
  const anbindungen = createAnbindungenZustandUsecases(deps);
  const reifegrad = createReifegradUsecases(deps);
  const foerdermittel = createFoerdermittelUsecases(deps);
  // The pages' and API's figure tables; other parts add sections with ansicht.registriereAbschnitt.
  const ansicht = createSteuerungAnsicht({ database: deps.database, kosten, nachnutzung, anbindungen });
  ansicht.registriereAbschnitt(nachnutzungsgradAbschnitt({ nachnutzung }));
  ansicht.registriereAbschnitt(reifegradAbschnitt({ reifegrad }));
  ansicht.registriereAbschnitt(foerdermittelAbschnitt({ foerdermittel }));
  return {
    kosten,
    nachnutzung,
    kennzahlen: createKennzahlenUsecases(deps),
    anbindungen,
    ansicht,
    reifegrad,
    foerdermittel,
  };
}

export type SteuerungModule = ReturnType<typeof createSteuerungModule>;
