import type { DatabaseHandle, TenantTrx } from '../../platform/database/database.ts';
import { actorOf, type Principal } from '../../platform/http/principal.ts';
import { appendAuditEvent } from '../audit/audit.module.ts';

/**
 * The one way the steering module reads figures of every county: a named SECURITY DEFINER function
 * called in the reader's own tenant transaction, which appends `steuerung.verbundzahlen` (function
 * and purpose) to the reader's audit chain in the same transaction. No tenant is ever switched.
 */
export function leseVerbundzahlen<T>({
  database,
  principal,
  funktion,
  daten,
  lesen,
}: {
  database: DatabaseHandle;
  principal: Principal;
  funktion: string;
  daten: Record<string, unknown>;
  lesen: (trx: TenantTrx) => Promise<T>;
}): Promise<T> {
  return database.withTenant(principal.tenantId, async (trx) => {
    const result = await lesen(trx);
    await appendAuditEvent(trx, {
      actor: actorOf(principal),
      action: 'steuerung.verbundzahlen',
      objectType: 'steuerung',
      objectId: funktion,
      data: daten,
    });
    return result;
  });
}
