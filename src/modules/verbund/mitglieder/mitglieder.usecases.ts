import { randomBytes } from 'node:crypto';
import type { DatabaseHandle } from '../../platform/database/database.ts';
import type { OnboardingRegistry, ReceivedArtifact } from '../../platform/onboarding/onboarding.ts';
import { AppError, conflict } from '../../shared/errors.ts';
import { appendAuditEvent } from '../audit/audit.module.ts';
import { addUserInTrx } from '../identity/identity.module.ts';
import { AGREEMENT_ID, type NewMember, newMemberSchema } from './verbund.models.ts';

export function createVerbundUsecases({
  database,
  onboarding,
}: {
  database: DatabaseHandle;
  onboarding: OnboardingRegistry;
}) {
  const { db } = database;

  return {
    listMembers: () => db.selectFrom('tenants').selectAll().orderBy('kreisschluessel').execute(),

    getMember: (id: string) => db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst(),

    async getVerbund() {
      const [members, agreement, amendments, memberships] = await Promise.all([
        db.selectFrom('tenants').selectAll().orderBy('kreisschluessel').execute(),
        db.selectFrom('agreements').selectAll().where('id', '=', AGREEMENT_ID).executeTakeFirst(),
        db
          .selectFrom('agreement_amendments')
          .selectAll()
          .where('agreement_id', '=', AGREEMENT_ID)
          .orderBy('number')
          .execute(),
        db.selectFrom('agreement_members').selectAll().where('agreement_id', '=', AGREEMENT_ID).execute(),
      ]);
      return { members, agreement, amendments, memberships };
    },

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
      if (!parsed.success) {
        throw new AppError({
          code: 'tenant.invalid',
          status: 400,
          message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          messageDe: `Ungültige Angaben: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          details: parsed.error.issues,
        });
      }
      const member = parsed.data;
      const adminPassword = args.adminPassword ?? randomBytes(12).toString('base64url');
      return db.transaction().execute(async (plain) => {
        const clash = await plain
          .selectFrom('tenants')
          .select(['id', 'kreisschluessel'])
          .where((eb) =>
            eb.or([eb('id', '=', member.id), eb('kreisschluessel', '=', member.kreisschluessel)]),
          )
          .executeTakeFirst();
        if (clash) {
          throw conflict(
            'tenant.exists',
            `tenant ${clash.id} (${clash.kreisschluessel}) exists`,
            `Es gibt bereits ein Mitglied mit dieser Kennung oder diesem Kreisschlüssel (${clash.id}, ${clash.kreisschluessel}).`,
          );
        }
        const joinedOn = member.joinedOn ?? new Date().toISOString().slice(0, 10);
        await plain
          .insertInto('tenants')
          .values({
            id: member.id,
            name: member.name,
            kreisschluessel: member.kreisschluessel,
            joined_on: joinedOn,
          })
          .execute();
        if (member.amendment) {
          await plain
            .insertInto('agreement_amendments')
            .values({
              agreement_id: AGREEMENT_ID,
              number: member.amendment.number,
              title: member.amendment.title,
              drucksache: member.amendment.drucksache,
              resolved_by: member.amendment.resolvedBy,
              resolved_on: member.amendment.resolvedOn,
              summary: member.amendment.summary,
              joining_tenant_id: member.id,
            })
            .execute();
        }
        await plain
          .insertInto('agreement_members')
          .values({
            agreement_id: AGREEMENT_ID,
            member_id: member.id,
            member_since: joinedOn,
            via_amendment: member.amendment?.number ?? null,
          })
          .execute();

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
        const received: Array<ReceivedArtifact & { hook: string }> = [];
        for (const hook of onboarding.hooks()) {
          for (const artifact of await hook.activate({ trx, tenant, actor: args.actor })) {
            received.push({ ...artifact, hook: hook.label });
            await trx
              .insertInto('tenant_activations')
              .values({
                tenant_id: member.id,
                artifact_kind: artifact.kind,
                artifact_id: artifact.id,
                owner_tenant_id: artifact.ownerTenantId ?? null,
                status: artifact.status ?? 'active',
                note: artifact.note ?? null,
              })
              .onConflict((oc) => oc.doNothing())
              .execute();
          }
        }
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

    listActivations: ({ tenantId }: { tenantId: string }) =>
      database.withTenant(tenantId, (trx) =>
        trx
          .selectFrom('tenant_activations')
          .selectAll()
          .orderBy('artifact_kind')
          .orderBy('artifact_id')
          .execute(),
      ),
  };
}

export type VerbundUsecases = ReturnType<typeof createVerbundUsecases>;
