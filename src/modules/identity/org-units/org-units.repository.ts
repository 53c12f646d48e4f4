import type { TenantTrx } from '../../../platform/database/database.ts';

/** Queries on Organisationseinheiten. Every function runs inside a tenant transaction (RLS-scoped). */
export const orgUnitsRepository = {
  insertOrgUnit: (trx: TenantTrx, unit: { name: string; kuerzel: string; parentId?: string | null }) =>
    trx
      .insertInto('org_units')
      .values({
        tenant_id: trx.tenantId,
        name: unit.name,
        kuerzel: unit.kuerzel,
        parent_id: unit.parentId ?? null,
      })
      .returning(['id', 'name', 'kuerzel'])
      .executeTakeFirstOrThrow(),

  listOrgUnits: (trx: TenantTrx) =>
    trx.selectFrom('org_units').select(['id', 'name', 'kuerzel', 'parent_id']).orderBy('kuerzel').execute(),

  findOrgUnitByKuerzel: (trx: TenantTrx, kuerzel: string) =>
    trx
      .selectFrom('org_units')
      .select(['id', 'name', 'kuerzel'])
      .where('kuerzel', '=', kuerzel)
      .executeTakeFirst(),
};
