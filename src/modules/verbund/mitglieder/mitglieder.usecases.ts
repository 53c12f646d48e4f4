import { randomBytes } from 'node:crypto';
import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { OnboardingRegistry } from '../../../platform/onboarding/onboarding.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { addUserInTrx } from '../../identity/identity.module.ts';
import { invalidMember, memberExists } from '../verbund.errors.ts';
import { zweckvereinbarungRepository } from '../zweckvereinbarung/zweckvereinbarung.repository.ts';
import { mitgliederRepository as repo } from './mitglieder.repository.ts';
import { type NewMember, newMemberSchema } from './mitglieder.schemas.ts';
import { activateShared } from './onboarding.usecases.ts';

export function createMitgliederUsecases({
  database,
  onboarding,
}: {
  database: DatabaseHandle;
  onboarding: OnboardingRegistry;
}) {
  const { db } = database;

  return {
    listMembers: () => repo.listMembers(db),

    getMember: (id: string) => repo.getMember(db, id),

    /**
     * Adds a county to the Verbund in one transaction: the tenant, its membership in the
     * Zweckvereinbarung, its first admin account, and every artifact the registered onboarding
     * hooks share. Audited in the new member's chain (and the actor's, if that is another county).
     */
    async addMember(args: {
      member: NewMember;
      actor: string;
      actorTenantId?: string;
      adminPassword?: string;
    }) {
      const parsed = newMemberSchema.safeParse(args.member);
      if (!parsed.success) throw invalidMember(parsed.error.issues);
      const member = parsed.data;
      const adminPassword = args.adminPassword ?? randomBytes(12).toString('base64url');
      return db.transaction().execute(async (plain) => {
        const clash = await repo.findClash(plain, member);
        if (clash) throw memberExists(clash);
        const joinedOn = member.joinedOn ?? new Date().toISOString().slice(0, 10);
        await repo.insertMember(plain, { ...member, joinedOn });
        if (member.amendment) {
          await zweckvereinbarungRepository.insertAmendment(plain, {
            ...member.amendment,
            joiningTenantId: member.id,
          });
        }
        await zweckvereinbarungRepository.insertMembership(plain, {
          id: member.id,
          since: joinedOn,
          viaAmendment: member.amendment?.number ?? null,
        });

        const trx = await database.switchTenant(plain, member.id);
        const tenant = { id: member.id, name: member.name, kreisschluessel: member.kreisschluessel };
        const admin = await addUserInTrx(trx, {
          tenantId: member.id,
          login: 'admin',
          displayName: `Administration ${member.name}`,
          password: adminPassword,
          roles: ['kreis-admin'],
          actor: args.actor,
        });
        const received = await activateShared({ trx, onboarding, tenant, actor: args.actor });
        const auditData = {
          name: member.name,
          kreisschluessel: member.kreisschluessel,
          amendment: member.amendment?.drucksache ?? null,
          received: received.length,
        };
        await appendAuditEvent(trx, {
          actor: args.actor,
          action: 'verbund.member_joined',
          objectType: 'tenant',
          objectId: member.id,
          data: auditData,
        });
        if (args.actorTenantId && args.actorTenantId !== member.id) {
          const actorTrx = await database.switchTenant(plain, args.actorTenantId);
          await appendAuditEvent(actorTrx, {
            actor: args.actor,
            action: 'verbund.member_added',
            objectType: 'tenant',
            objectId: member.id,
            data: auditData,
          });
        }
        return {
          tenant: { ...tenant, joinedOn },
          admin: { login: `${admin.login}@${member.id}`, password: adminPassword },
          received,
        };
      });
    },
  };
}

export type MitgliederUsecases = ReturnType<typeof createMitgliederUsecases>;
