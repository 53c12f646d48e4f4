import type { DatabaseHandle, TenantTrx, Trx } from '../../../platform/database/database.ts';
import type { OnboardingRegistry, ReceivedArtifact } from '../../../platform/onboarding/onboarding.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { addUserInTrx } from '../../identity/identity.module.ts';
import { aktivierungenRepository } from '../aktivierungen/aktivierungen.repository.ts';
import { memberExists, memberNotFound } from '../verbund.errors.ts';
import { zweckvereinbarungRepository } from '../zweckvereinbarung/zweckvereinbarung.repository.ts';
import { mitgliederRepository } from './mitglieder.repository.ts';

export type Received = Array<ReceivedArtifact & { hook: string }>;

/**
 * Runs every registered onboarding hook in the joining county's transaction and records what it
 * received: the one place a county gets everything the Verbund shares, whether it joins by
 * `addMember` or when an amendment of the Zweckvereinbarung takes effect.
 */
export async function activateShared({
  trx,
  onboarding,
  tenant,
  actor,
}: {
  trx: TenantTrx;
  onboarding: OnboardingRegistry;
  tenant: { id: string; name: string; kreisschluessel: string };
  actor: string;
}): Promise<Received> {
  const received: Received = [];
  for (const hook of onboarding.hooks()) {
    for (const artifact of await hook.activate({ trx, tenant, actor })) {
      received.push({ ...artifact, hook: hook.label });
      await aktivierungenRepository.insertActivation(trx, artifact);
    }
  }
  return received;
}

/**
 * A county that is to join by an amendment exists as a tenant before it is a member: its council
 * can then resolve the amendment in the platform. It gets its first admin account, but no
 * membership and nothing shared until the amendment takes effect (`joinPrepared`). Runs in the
 * caller's Verbund-level transaction; audited in the county's own chain.
 */
export async function prepareJoin({
  plain,
  database,
  county,
  actor,
  adminPassword,
}: {
  plain: Trx;
  database: DatabaseHandle;
  county: { id: string; name: string; kreisschluessel: string };
  actor: string;
  adminPassword: string;
}) {
  const clash = await mitgliederRepository.findClash(plain, county);
  if (clash) throw memberExists(clash);
  const joinedOn = new Date().toISOString().slice(0, 10);
  await mitgliederRepository.insertMember(plain, { ...county, joinedOn });
  const trx = await database.switchTenant(plain, county.id);
  const admin = await addUserInTrx(trx, {
    tenantId: county.id,
    login: 'admin',
    displayName: `Administration ${county.name}`,
    password: adminPassword,
    roles: ['kreis-admin'],
    actor,
  });
  await appendAuditEvent(trx, {
    actor,
    action: 'verbund.beitritt_vorbereitet',
    objectType: 'tenant',
    objectId: county.id,
    data: { name: county.name, kreisschluessel: county.kreisschluessel },
  });
  return { login: `${admin.login}@${county.id}`, password: adminPassword };
}

/**
 * The join of a prepared county when its amendment takes effect: its membership in the
 * Zweckvereinbarung and everything the Verbund shares (the same hooks as `addMember`), audited in
 * its chain. Runs in the caller's Verbund-level transaction.
 */
export async function joinPrepared({
  plain,
  database,
  onboarding,
  countyId,
  since,
  viaAmendment,
  actor,
}: {
  plain: Trx;
  database: DatabaseHandle;
  onboarding: OnboardingRegistry;
  countyId: string;
  since: string;
  viaAmendment: number;
  actor: string;
}) {
  const row = await mitgliederRepository.getMember(plain, countyId);
  if (!row) throw memberNotFound();
  await zweckvereinbarungRepository.insertMembership(plain, { id: countyId, since, viaAmendment });
  const tenant = { id: row.id, name: row.name, kreisschluessel: row.kreisschluessel };
  const trx = await database.switchTenant(plain, countyId);
  const received = await activateShared({ trx, onboarding, tenant, actor });
  await appendAuditEvent(trx, {
    actor,
    action: 'verbund.member_joined',
    objectType: 'tenant',
    objectId: countyId,
    data: {
      name: row.name,
      kreisschluessel: row.kreisschluessel,
      amendment: viaAmendment,
      received: received.length,
    },
  });
  return received;
}
