import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { orgUnitsRepository as repo } from './org-units.repository.ts';

export function createOrgUnitUsecases({ database }: { database: DatabaseHandle }) {
  return {
    listOrgUnits: ({ tenantId }: { tenantId: string }) =>
      database.withTenant(tenantId, (trx) => repo.listOrgUnits(trx)),
  };
}

export type OrgUnitUsecases = ReturnType<typeof createOrgUnitUsecases>;
