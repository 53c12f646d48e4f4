import type { ApiRouter } from '../../platform/http/openapi.ts';
import { registerAntraegeRoutes } from './antraege/antraege.routes.ts';
import { registerFormulareRoutes } from './formulare/formulare.routes.ts';
import { registerLeistungenRoutes } from './leistungen/leistungen.routes.ts';
import type { OzgDeps } from './ozg.deps.ts';

/** The OZG API: services and municipalities, FIM forms, Anträge. */
export function registerOzgRoutes(api: ApiRouter, { ozg }: OzgDeps) {
  registerLeistungenRoutes(api, ozg);
  registerFormulareRoutes(api, ozg);
  registerAntraegeRoutes(api, ozg);
}
