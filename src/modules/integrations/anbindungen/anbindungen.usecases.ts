import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import type { OnboardingHook } from '../../../platform/onboarding/onboarding.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { anbindungErrors } from './anbindungen.errors.ts';
import {
  type ActivationInput,
  type ConnectorInput,
  checkDefinition,
  nextActivation,
} from './anbindungen.models.ts';
import { anbindungenRepository as repository } from './anbindungen.repository.ts';

/** Connectors (Anbindungen): defined once for the Verbund, activated by each county with its endpoint. */
export function createAnbindungenUsecases({ database }: { database: DatabaseHandle }) {
  async function listConnectors(principal: Principal) {
    return database.withTenant(principal.tenantId, (trx) => repository.list(trx));
  }

  /** Defines a connector at Verbund level and makes it available (pending) to every member. */
  async function defineConnector(principal: Principal, input: ConnectorInput) {
    if (!hasRole(principal, 'verbund-admin', 'kreis-admin')) throw anbindungErrors.defineForbidden();
    checkDefinition(input);
    const owner = input.owner && hasRole(principal, 'verbund-admin') ? input.owner : principal.tenantId;
    const tenants = await repository.tenantIds(database.db);
    if (!tenants.includes(owner)) throw anbindungErrors.unknownOwner(owner);
    await database.withTenant(owner, async (trx) => {
      if (!(await repository.insertDefinition(trx, { ...input, owner })))
        throw anbindungErrors.exists(input.id);
      await appendAuditEvent(trx, {
        actor: actorOf(principal),
        action: 'integrations.connector_defined',
        objectType: 'connector',
        objectId: input.id,
        data: { ...input, owner },
      });
    });
    for (const tenantId of tenants)
      await database.withTenant(tenantId, (trx) => repository.offer(trx, input.id));
    return (await listConnectors(principal)).find((c) => c.id === input.id)!;
  }

  /** A county sets its endpoint (and secret) and switches the connector on or off. */
  async function setActivation(principal: Principal, connectorId: string, input: ActivationInput) {
    if (!hasRole(principal, 'kreis-admin')) throw anbindungErrors.activateForbidden();
    return database.withTenant(principal.tenantId, async (trx) => {
      const current = await repository.activationOf(trx, connectorId);
      if (!current) throw anbindungErrors.notFound();
      const { status, ziel, secret } = nextActivation(current, input);
      await repository.saveActivation(trx, connectorId, { status, ziel, secret });
      await appendAuditEvent(trx, {
        actor: actorOf(principal),
        action: 'integrations.connector_activation',
        objectType: 'connector',
        objectId: connectorId,
        data: { status, ziel, secretGeaendert: input.secret !== undefined },
      });
      return { connectorId, status, ziel, secretGesetzt: Boolean(secret) };
    });
  }

  return { listConnectors, defineConnector, setActivation };
}

/** Onboarding: every Verbund connector becomes available to the joining county, pending its endpoint. */
export const anbindungenOnboardingHook: OnboardingHook = {
  name: 'integrations.connectors',
  label: 'Anbindungen (Konnektoren) des Verbunds',
  async activate({ trx }) {
    const rows = await repository.offerAll(trx);
    return rows.map((r) => ({
      kind: 'connector',
      id: r.id,
      label: `${r.name} (Endpunkt noch nicht gesetzt)`,
      ownerTenantId: r.owner_tenant_id,
      status: 'pending' as const,
    }));
  },
};

export type AnbindungenUsecases = ReturnType<typeof createAnbindungenUsecases>;
