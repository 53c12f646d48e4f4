import type { TenantTrx } from '../../../platform/database/database.ts';

/** Queries on users. Every function runs inside a tenant transaction (RLS-scoped). */
export const usersRepository = {
  findUserByLogin: (trx: TenantTrx, login: string) =>
    trx.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst(),

  findUserById: (trx: TenantTrx, id: string) =>
    trx
      .selectFrom('users')
      .select(['id', 'login', 'display_name', 'roles', 'org_unit_id', 'disabled_at'])
      .where('id', '=', id)
      .executeTakeFirst(),

  insertUser: (
    trx: TenantTrx,
    user: {
      login: string;
      displayName: string;
      email?: string;
      passwordHash: string | null;
      roles: string[];
      orgUnitId?: string | null;
    },
  ) =>
    trx
      .insertInto('users')
      .values({
        tenant_id: trx.tenantId,
        login: user.login,
        display_name: user.displayName,
        email: user.email ?? null,
        password_hash: user.passwordHash,
        roles: user.roles,
        org_unit_id: user.orgUnitId ?? null,
      })
      .returning(['id', 'login', 'display_name', 'roles'])
      .executeTakeFirstOrThrow(),

  listUsers: (trx: TenantTrx) =>
    trx
      .selectFrom('users')
      .select(['id', 'login', 'display_name', 'roles', 'org_unit_id', 'disabled_at'])
      .orderBy('login')
      .execute(),
};
