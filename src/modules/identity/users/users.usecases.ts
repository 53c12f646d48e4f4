import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import type { Role } from '../../../platform/http/principal.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import {
  invalidUserLogin,
  orgUnitNotFound,
  userExists,
  userNotFound,
  userWithoutRole,
  weakPassword,
} from '../identity.errors.ts';
import { orgUnitsRepository } from '../org-units/org-units.repository.ts';
import { checkPasswordPolicy, hashPassword } from '../passwords.ts';
import { usersRepository as repo } from './users.repository.ts';

export type AddUserArgs = {
  tenantId: string;
  login: string;
  displayName: string;
  password: string | null;
  roles: Role[];
  orgUnit?: string;
  email?: string;
  actor: string;
};

/** Adds a user inside an open tenant transaction (also used by onboarding and the demo seed). */
export async function addUserInTrx(trx: TenantTrx, args: AddUserArgs) {
  const login = args.login.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{0,62}$/.test(login)) throw invalidUserLogin();
  if (args.roles.length === 0) throw userWithoutRole();
  if (args.password !== null) {
    const problem = checkPasswordPolicy(args.password);
    if (problem) throw weakPassword(problem);
  }
  if (await repo.findUserByLogin(trx, login)) throw userExists(login);
  const unit = args.orgUnit ? await orgUnitsRepository.findOrgUnitByKuerzel(trx, args.orgUnit) : undefined;
  if (args.orgUnit && !unit) throw orgUnitNotFound(args.orgUnit);
  const user = await repo.insertUser(trx, {
    login,
    displayName: args.displayName,
    email: args.email,
    passwordHash: args.password === null ? null : await hashPassword(args.password),
    roles: args.roles,
    orgUnitId: unit?.id ?? null,
  });
  await appendAuditEvent(trx, {
    actor: args.actor,
    action: 'identity.user_added',
    objectType: 'user',
    objectId: user.id,
    data: { login, roles: args.roles },
  });
  return user;
}

export function createUserUsecases({ database }: { database: DatabaseHandle }) {
  return {
    addUser: (args: AddUserArgs) => database.withTenant(args.tenantId, (trx) => addUserInTrx(trx, args)),

    listUsers: ({ tenantId }: { tenantId: string }) =>
      database.withTenant(tenantId, (trx) => repo.listUsers(trx)),

    async getUser({ tenantId, id }: { tenantId: string; id: string }) {
      const user = await database.withTenant(tenantId, (trx) => repo.findUserById(trx, id));
      if (!user) throw userNotFound();
      return user;
    },
  };
}

export type UserUsecases = ReturnType<typeof createUserUsecases>;
