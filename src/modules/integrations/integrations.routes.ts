import type { Config } from '../../platform/config.ts';
import type { ApiRouter } from '../../platform/http/openapi.ts';
import { registerAnbindungenRoutes } from './anbindungen/anbindungen.routes.ts';
import {
  registerFachverfahrenRoutes,
  registerVorgangStatusRoute,
} from './fachverfahren/fachverfahren.routes.ts';
import type { IntegrationsUsecases } from './integrations.usecases.ts';
import { registerXdomeaExportRoutes } from './xdomea/xdomea.routes.ts';
import type { XdomeaUsecases } from './xdomea/xdomea.usecases.ts';
import { registerXdomeaUploadRoute } from './xdomea/xdomea-upload.routes.ts';
import { registerZustellungRoutes } from './zustellung/zustellung.routes.ts';

/** What these handlers use, given by the composition root. */
export type IntegrationsDeps = { config: Config; integrations: IntegrationsUsecases; xdomea: XdomeaUsecases };

/** The API of the module, in the order the OpenAPI document has always listed it. */
export function registerIntegrationsRoutes(api: ApiRouter, deps: IntegrationsDeps) {
  registerXdomeaExportRoutes(api, deps.xdomea);
  registerXdomeaUploadRoute(api, deps);
  registerFachverfahrenRoutes(api, deps.integrations);
  registerAnbindungenRoutes(api, deps.integrations);
  registerZustellungRoutes(api, deps.integrations);
  registerVorgangStatusRoute(api, deps.integrations);
}
