import type { TenantTrx } from '../../../platform/database/database.ts';
import type { ReceivedArtifact } from '../../../platform/onboarding/onboarding.ts';

/** What a member received from the Verbund when it joined (tenant_activations, RLS-scoped). */
export const aktivierungenRepository = {
  insertActivation: (trx: TenantTrx, artifact: ReceivedArtifact) =>
    trx
      .insertInto('tenant_activations')
      .values({
        tenant_id: trx.tenantId,
        artifact_kind: artifact.kind,
        artifact_id: artifact.id,
        owner_tenant_id: artifact.ownerTenantId ?? null,
        status: artifact.status ?? 'active',
        note: artifact.note ?? null,
      })
      .onConflict((oc) => oc.doNothing())
      .execute(),

  listActivations: (trx: TenantTrx) =>
    trx
      .selectFrom('tenant_activations')
      .selectAll()
      .orderBy('artifact_kind')
      .orderBy('artifact_id')
      .execute(),
};
