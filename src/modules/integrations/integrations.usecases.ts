import { createAnbindungenUsecases } from './anbindungen/anbindungen.usecases.ts';
import { createFachverfahrenUsecases } from './fachverfahren/fachverfahren.usecases.ts';
import { createZustellungUsecases } from './zustellung/zustellung.usecases.ts';

/** The use-cases of Fachverfahren, connectors and deliveries as one object (API, pages, CLI, bench). */
export const createIntegrationsUsecases = (deps: Parameters<typeof createFachverfahrenUsecases>[0]) => ({
  ...createFachverfahrenUsecases(deps),
  ...createAnbindungenUsecases(deps),
  ...createZustellungUsecases(deps),
});

export type IntegrationsUsecases = ReturnType<typeof createIntegrationsUsecases>;
