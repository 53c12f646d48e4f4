import type { OnboardingHook, ReceivedArtifact } from '../../../platform/onboarding/onboarding.ts';
import { activateInTrx } from './aktivierungen.usecases.ts';
import { standardLeistungen } from './leistungen.repository.ts';

/** Onboarding: a joining county gets every standard service of the Verbund, active. */
export const leistungenOnboardingHook: OnboardingHook = {
  name: 'services.leistungen',
  label: 'OZG-Leistungen des Verbunds',
  async activate({ trx, actor }) {
    const received: ReceivedArtifact[] = [];
    for (const { leistung, standardOe } of await standardLeistungen(trx)) {
      const { kennzeichen } = await activateInTrx(trx, { ...leistung, oe: standardOe }, actor);
      received.push({
        kind: 'leistung',
        id: leistung.id,
        label: `${leistung.name} (LeiKa ${leistung.leika}${leistung.leikaPlatzhalter ? ', Platzhalter' : ''}) → Aktenplan ${kennzeichen}`,
        ownerTenantId: leistung.ownerTenantId,
        status: 'active',
      });
    }
    return received;
  },
};
