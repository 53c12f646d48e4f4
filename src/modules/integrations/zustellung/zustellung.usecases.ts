import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { zustellungErrors } from './zustellung.errors.ts';
import type { DeliveryFilter } from './zustellung.models.ts';
import { zustellungRepository as repository } from './zustellung.repository.ts';

/** The deliveries of a county's connectors: list, dead letters sent again, the integration monitor. */
export function createZustellungUsecases({ database }: { database: DatabaseHandle }) {
  async function listDeliveries(principal: Principal, filter: DeliveryFilter) {
    return database.withTenant(principal.tenantId, (trx) => repository.list(trx, filter));
  }

  /** Sends a dead letter (or a waiting delivery) again now, with the same idempotency key. */
  async function redeliver(principal: Principal, id: string) {
    if (!hasRole(principal, 'kreis-admin', 'sachbearbeitung')) throw zustellungErrors.redeliverForbidden();
    if (!/^\d{1,18}$/.test(id)) throw zustellungErrors.notFound();
    return database.withTenant(principal.tenantId, async (trx) => {
      if (!(await repository.requeue(trx, id))) {
        if (!(await repository.exists(trx, id))) throw zustellungErrors.notFound();
        throw zustellungErrors.notRedeliverable();
      }
      await appendAuditEvent(trx, {
        actor: actorOf(principal),
        action: 'integrations.redeliver',
        objectType: 'zustellung',
        objectId: id,
        data: {},
      });
      await repository.notifyWorkers(trx);
      return { id, status: 'pending' };
    });
  }

  /** Integration monitor: per connector of this county, counts by state and delivery latencies. */
  async function monitor(principal: Principal) {
    return database.withTenant(principal.tenantId, (trx) => repository.monitor(trx));
  }

  /** The Serviceteam's view (verbund-admin): per connector and county, aggregates only. */
  async function monitorVerbund(principal: Principal) {
    if (!hasRole(principal, 'verbund-admin')) throw zustellungErrors.verbundForbidden();
    return repository.unsafeMonitorAllTenants(database.db);
  }

  return { listDeliveries, redeliver, monitor, monitorVerbund };
}

export type ZustellungUsecases = ReturnType<typeof createZustellungUsecases>;
