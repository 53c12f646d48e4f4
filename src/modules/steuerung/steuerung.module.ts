import type { DatabaseHandle } from '../../platform/database/database.ts';
import { createKostenUsecases } from './kosten/kosten.usecases.ts';

// Public surface of the steering module (issue 13): cost sharing among the members.
export { centAusEuro, euro } from './kosten/betrag.models.ts';
export { SCHLUESSEL_ARTEN, type SchluesselArt } from './kosten/schluessel.models.ts';
export { steuerungErrors } from './steuerung.errors.ts';

/** Steuerung: what the Verbund shares and costs, per member and over time. */
export function createSteuerungModule(deps: { database: DatabaseHandle }) {
  return { kosten: createKostenUsecases(deps) };
}

export type SteuerungModule = ReturnType<typeof createSteuerungModule>;
