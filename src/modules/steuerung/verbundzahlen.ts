import { sql } from 'kysely';
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
    // The database decides what the caller sees (migration 0044: steuerung_verbundsicht checks
    // this user or token for verbund-admin); the process's own calls without one are 'betrieb'.
    await sql`select set_config('app.akteur', ${akteurDerSicht(principal)}, true)`.execute(trx);
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

/**
 * Who the database checks: a person by user id, a token by token id; the operator's own process
 * (command line, demo seed: no user, no stored token) as 'betrieb' when it carries verbund-admin.
 */
export function akteurDerSicht(principal: Principal) {
  if (principal.userId) return `user:${principal.userId}`;
  if (principal.via === 'token' && principal.tokenId && UUID.test(principal.tokenId))
    return `token:${principal.tokenId}`;
  return principal.roles.includes('verbund-admin') && !principal.csrfToken ? 'betrieb' : 'keine';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
