import type { DatabaseHandle } from '../../platform/database/database.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ParserLimits } from '../../platform/parsers/import-parsers.ts';
import type { BlobStore } from '../blobs/blobs.module.ts';
import type { IdentityUsecases } from '../identity/identity.module.ts';
import type { OzgModule } from '../ozg/ozg.module.ts';
import type { RecordsModule } from '../records/records.module.ts';
import { anbindungenOnboardingHook } from './anbindungen/anbindungen.usecases.ts';
import { createIntegrationsUsecases } from './integrations.usecases.ts';
import { createXdomeaUsecases } from './xdomea/xdomea.usecases.ts';
import { createDeliveryWorker, type DeliveryOptions } from './zustellung/delivery.worker.ts';

export type { ConnectorInput } from './anbindungen/anbindungen.models.ts';
export { type IntegrationsPagesDeps, registerIntegrationsPages } from './integrations.pages.tsx';
export { type IntegrationsDeps, registerIntegrationsRoutes } from './integrations.routes.ts';
export type { IntegrationsUsecases } from './integrations.usecases.ts';
export type { XdomeaUsecases } from './xdomea/xdomea.usecases.ts';
export { signature } from './zustellung/delivery.transport.ts';
export {
  createDeliveryWorker,
  type DeliveryOptions,
  type DeliveryWorker,
} from './zustellung/delivery.worker.ts';

/**
 * The integrations module as the composition root sees it: registered Fachverfahren, connectors
 * with their activation per county, deliveries (the worker sending the outbox) and xdomea.
 */
export function createIntegrationsModule(deps: {
  database: DatabaseHandle;
  logger: Logger;
  blobs: BlobStore;
  identity: Pick<IdentityUsecases, 'createApiToken'>;
  ozg: Pick<OzgModule, 'antraege'>;
  records: Pick<RecordsModule, 'vorgaenge'>;
  parserLimits?: ParserLimits;
}) {
  const { database, logger } = deps;
  const usecases = createIntegrationsUsecases(deps);
  const xdomea = createXdomeaUsecases(deps);
  // Connectors with the xdomea payload deliver the Vorgang as the county's system would export it.
  const renderXdomea = (tenantId: string, vorgangId: string) =>
    xdomea.exportVorgang(
      {
        tenantId,
        userId: null,
        login: null,
        displayName: 'Anbindung',
        roles: ['leitung'],
        via: 'token',
        tokenId: 'system:anbindung',
      },
      vorgangId,
    );
  return {
    usecases,
    xdomea,
    onboardingHook: anbindungenOnboardingHook,
    createDeliveryWorker: (options?: DeliveryOptions) =>
      createDeliveryWorker({ database, logger, options, renderXdomea }),
    close: () => xdomea.close(),
  };
}

export type IntegrationsModule = ReturnType<typeof createIntegrationsModule>;
