import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { aktivierungenRepository as repo } from './aktivierungen.repository.ts';

export function createAktivierungenUsecases({ database }: { database: DatabaseHandle }) {
  return {
    listActivations: ({ tenantId }: { tenantId: string }) =>
      database.withTenant(tenantId, (trx) => repo.listActivations(trx)),
  };
}
