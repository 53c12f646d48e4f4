import type { OnboardingHook } from '../../../platform/onboarding/onboarding.ts';
import { orgUnitsRepository as repo } from './org-units.repository.ts';

/** The Verbund's standard Organisationseinheiten; every member starts with them and may add its own. */
export const STANDARD_ORG_UNITS = [
  { kuerzel: 'SE', name: 'Serviceteam E-Government' },
  { kuerzel: 'HA', name: 'Hauptamt' },
  { kuerzel: 'KTB', name: 'Kreistagsbüro' },
  { kuerzel: 'OA', name: 'Ordnungsamt' },
  { kuerzel: 'SVA', name: 'Straßenverkehrsamt' },
  { kuerzel: 'SOZ', name: 'Sozialamt' },
] as const;

export const standardOrgUnitsHook: OnboardingHook = {
  name: 'identity.org-units',
  label: 'Standard-Organisationseinheiten',
  async activate({ trx }) {
    const received = [];
    for (const unit of STANDARD_ORG_UNITS) {
      const existing = await repo.findOrgUnitByKuerzel(trx, unit.kuerzel);
      if (!existing) await repo.insertOrgUnit(trx, unit);
      received.push({ kind: 'org-unit', id: unit.kuerzel, label: `${unit.name} (${unit.kuerzel})` });
    }
    return received;
  },
};
