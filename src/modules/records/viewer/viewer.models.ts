import type { Vertraulichkeit } from '../../../platform/database/database.types.ts';
import { hasRole, type Principal } from '../../../platform/http/principal.ts';
import { readOnly } from './viewer.errors.ts';

/**
 * Who may see what: `offen` everyone of the county, `intern` everyone but the read-only role,
 * `vertraulich` Leitung and administration — and the person or OE the Vorgang is assigned to.
 */
export function clearanceOf(principal: Principal): Vertraulichkeit[] {
  if (hasRole(principal, 'leitung', 'kreis-admin', 'verbund-admin'))
    return ['offen', 'intern', 'vertraulich'];
  if (hasRole(principal, 'sachbearbeitung')) return ['offen', 'intern'];
  return ['offen'];
}

export const canWrite = (principal: Principal) =>
  hasRole(principal, 'sachbearbeitung', 'leitung', 'kreis-admin');

export const requireWriter = (principal: Principal) => {
  if (!canWrite(principal)) throw readOnly();
};
