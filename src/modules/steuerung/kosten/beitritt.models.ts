import {
  abgerundet,
  type Bruch,
  bruch,
  durch,
  groessterRest,
  mal,
  minus,
  vergleich,
} from './bruch.models.ts';
import { anteile, type Kennzahlen, type Kostenschluessel } from './schluessel.models.ts';

export type Beteiligter = { id: string; name: string; kreisschluessel: string; kennzahlen: Kennzahlen };

/** A pool split by the key among the given members, rounded by largest remainder. */
export function verteilen({
  poolCent,
  schluessel,
  mitglieder,
}: {
  poolCent: bigint;
  schluessel: Kostenschluessel;
  mitglieder: Beteiligter[];
}) {
  const quoten = anteile({ schluessel, mitglieder: mitglieder.map((m) => m.kennzahlen) });
  const cent = groessterRest({ total: poolCent, exakt: quoten.map((q) => mal(bruch(poolCent), q)) });
  return { quoten, cent };
}

/**
 * Each member's share before and after a county joins, with the same pool and key, the saving of
 * every existing member, and the break-even: the largest extra cost X the joining county may bring
 * (pool + X after the join) while every existing member still pays no more than before:
 * min over members of pool × (share before / share after − 1). Equal key: pool / n for n → n + 1.
 */
export function beitrittSimulieren({
  poolCent,
  schluessel,
  bisher,
  neu,
}: {
  poolCent: bigint;
  schluessel: Kostenschluessel;
  bisher: Beteiligter[];
  neu: Beteiligter;
}) {
  const vorher = verteilen({ poolCent, schluessel, mitglieder: bisher });
  const nachher = verteilen({ poolCent, schluessel, mitglieder: [...bisher, neu] });
  let schwelle: Bruch | null = null;
  bisher.forEach((_, i) => {
    const a = vorher.quoten[i]!;
    const b = nachher.quoten[i]!;
    if (a.n === 0n || b.n === 0n) return; // pays nothing either way: no saving to protect
    const x = mal(bruch(poolCent), minus(durch(a, b), bruch(1)));
    if (!schwelle || vergleich(x, schwelle) < 0) schwelle = x;
  });
  return {
    mitglieder: [...bisher, neu].map((m, i) => ({
      id: m.id,
      name: m.name,
      kreisschluessel: m.kreisschluessel,
      neu: m === neu,
      vorherCent: i < bisher.length ? vorher.cent[i]! : null,
      nachherCent: nachher.cent[i]!,
      ersparnisCent: i < bisher.length ? vorher.cent[i]! - nachher.cent[i]! : null,
    })),
    breakEvenCent: schwelle ? abgerundet(schwelle) : null,
  };
}
