import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import type { ArtifactRegistry } from '../../../platform/onboarding/artifacts.ts';
import { kostenRepository } from '../kosten/kosten.repository.ts';
import { leseVerbundzahlen } from '../verbundzahlen.ts';
import { type Artefakt, type Beteiligt, grad, matrix, verlauf } from './nachnutzung.models.ts';
import { nachnutzungRepository as repo } from './nachnutzung.repository.ts';

const heute = () => new Date().toISOString().slice(0, 10);

/** The months from `von` to `bis` (YYYY-MM), at most 120. */
function monateZwischen(von: string, bis: string) {
  const monate: string[] = [];
  let [y, m] = von.split('-').map(Number) as [number, number];
  while (monate.length < 120) {
    const monat = `${y}-${String(m).padStart(2, '0')}`;
    if (monat > bis) break;
    monate.push(monat);
    m += 1;
    if (m === 13) {
      y += 1;
      m = 1;
    }
  }
  return monate;
}

export function createNachnutzungUsecases({
  database,
  artifacts,
}: {
  database: DatabaseHandle;
  artifacts: ArtifactRegistry;
}) {
  const { db } = database;

  /** Members, every registered kind's artifacts and every county's activations and uses. */
  async function laden(principal: Principal, zweck: string) {
    const kinds = artifacts.kinds();
    const [mitglieder, listen, nutzungen] = await Promise.all([
      kostenRepository.listMitglieder(db),
      Promise.all(kinds.map((k) => k.list(db))),
      leseVerbundzahlen({
        database,
        principal,
        funktion: 'steuerung_nachnutzung_verbund',
        daten: { zweck },
        lesen: (trx) => repo.nutzungenVerbund(trx),
      }),
    ]);
    const artefakte: Artefakt[] = kinds.flatMap((k, i) =>
      listen[i]!.map((a) => ({
        art: k.kind,
        id: a.id,
        label: a.label,
        ownerTenantId: a.ownerTenantId,
        seit: a.sharedSince,
      })),
    );
    const beteiligt: Beteiligt[] = mitglieder.map((m) => ({
      id: m.id,
      name: m.name,
      mitgliedSeit: m.mitglied_seit,
      mitgliedBis: m.mitglied_bis,
    }));
    return {
      artefakte,
      mitglieder: beteiligt,
      nutzungen,
      arten: kinds.map((k) => ({ art: k.kind, label: k.label })),
    };
  }

  type Daten = Awaited<ReturnType<typeof laden>>;
  const matrixAus = (daten: Daten, stichtag: string) => ({
    arten: daten.arten,
    ...matrix({ ...daten, stichtag }),
  });
  const verlaufAus = (daten: Daten, bis: string) => {
    const erster = daten.mitglieder.map((m) => m.mitgliedSeit).sort()[0];
    if (!erster) return [];
    return verlauf({ ...daten, monate: monateZwischen(erster.slice(0, 7), bis) });
  };

  return {
    /**
     * The Verbund's Nachnutzungsgrad on a day and at every month's end, for every reader (a county
     * too): totals only, from the named function of migration 0079, audited as every Verbund figure.
     */
    async verbundgrad({ principal, stichtag = heute() }: { principal: Principal; stichtag?: string }) {
      const zeilen = await leseVerbundzahlen({
        database,
        principal,
        funktion: 'steuerung_nachnutzungsgrad_verbund',
        daten: { stichtag },
        lesen: (trx) => repo.gradVerbund(trx, stichtag),
      });
      const tag = zeilen.find((z) => z.monat === null);
      return {
        stichtag,
        ...grad(tag?.genutzt ?? 0, tag?.moeglich ?? 0),
        verlauf: zeilen.flatMap((z) =>
          z.monat ? [{ monat: z.monat.slice(0, 7), ...grad(z.genutzt, z.moeglich) }] : [],
        ),
      };
    },

    /** The matrix artifact × member on a day (default today) with the Nachnutzungsgrad. */
    async matrix({ principal, stichtag = heute() }: { principal: Principal; stichtag?: string }) {
      return matrixAus(await laden(principal, 'nachnutzung-matrix'), stichtag);
    },

    /** The Nachnutzungsgrad at every month's end from the first join to `bis`, joins marked. */
    async verlauf({ principal, bis = heute().slice(0, 7) }: { principal: Principal; bis?: string }) {
      return verlaufAus(await laden(principal, 'nachnutzung-verlauf'), bis);
    },

    /** Both from one audited read of the uses (the Steuerung page shows both). */
    async matrixUndVerlauf({ principal, stichtag }: { principal: Principal; stichtag: string }) {
      const daten = await laden(principal, 'nachnutzung-matrix-verlauf');
      return { matrix: matrixAus(daten, stichtag), verlauf: verlaufAus(daten, stichtag.slice(0, 7)) };
    },
  };
}

export type NachnutzungUsecases = ReturnType<typeof createNachnutzungUsecases>;
