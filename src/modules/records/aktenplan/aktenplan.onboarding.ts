import type { OnboardingHook } from '../../../platform/onboarding/onboarding.ts';
import { DEFAULT_AKTENZEICHEN_MUSTER } from '../akten/akten.models.ts';
import {
  ensureStandardTemplate,
  insertDefaultSettings,
  listKennzeichen,
  listTemplatesWithUnits,
  upsertUnits,
} from './aktenplan.repository.ts';
import { DEFAULT_KENNZEICHEN } from './aktenplan.template.ts';

/** Onboarding: a joining county adopts the Verbund template and gets default Aktenzeichen settings. */
export const aktenplanOnboardingHook: OnboardingHook = {
  name: 'records.aktenplan',
  label: 'Aktenplan-Vorlage des Verbunds',
  async activate({ trx }) {
    await ensureStandardTemplate(trx);
    const received = [];
    for (const { template, units } of await listTemplatesWithUnits(trx)) {
      // Units the county already has (same Kennzeichen) stay as they are: its own extensions win.
      const have = new Set(await listKennzeichen(trx));
      await upsertUnits(trx, {
        units: units.filter((u) => !have.has(u.kennzeichen)),
        templateId: template.id,
      });
      received.push({
        kind: 'aktenplan-template',
        id: template.id,
        label: `${template.name} (${units.length} Einheiten)`,
        ownerTenantId: template.owner_tenant_id,
      });
    }
    await insertDefaultSettings(trx, {
      aktenzeichen_muster: DEFAULT_AKTENZEICHEN_MUSTER,
      default_kennzeichen: DEFAULT_KENNZEICHEN,
    });
    return received;
  },
};
