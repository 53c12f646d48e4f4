import { steuerungErrors } from '../../modules/steuerung/steuerung.module.ts';
import type { Services } from '../services.ts';

/** The CLI reads cross-county figures in the name of this county (the call lands in its audit chain). */
export async function actingTenant(services: Services, tenant: string | undefined) {
  const members = await services.verbund.listMembers();
  const chosen = tenant ? members.find((m) => m.id === tenant) : members[0];
  if (!chosen) throw steuerungErrors.unbekannterLandkreis(tenant ?? '');
  return chosen.id;
}

export const pad = (text: string, width: number) => text.padEnd(width);
export const padL = (text: string, width: number) => text.padStart(width);

export const json = (value: unknown) =>
  JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? Number(v) : v), 2);
