import { type Bruch, bruch, groessterRest, mal, NULL, plus } from './bruch.models.ts';
import { anteile, type Kennzahlen, type Kostenschluessel, schluesselFuer } from './schluessel.models.ts';

export type Mitglied = {
  id: string;
  name: string;
  kreisschluessel: string;
  /** YYYY-MM-DD: the day the membership took effect. */
  mitgliedSeit: string;
  /** YYYY-MM-DD: the day a membership ended (Austritt), if it did; not a member from that day. */
  mitgliedBis?: string | null;
  kennzahlen: Kennzahlen;
};

export type SchluesselVersion = {
  giltAb: string;
  aenderung: number | null;
  schluessel: Kostenschluessel;
  beispieldaten: boolean;
};

export type Abschnitt = {
  von: string;
  bis: string;
  tage: number;
  mitglieder: string[];
  /** The key version in force; null = none recorded, equal shares assumed. */
  version: SchluesselVersion | null;
};

const TAG = 86_400_000;
const tagNummer = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / TAG;
const isoVon = (tag: number) => new Date(tag * TAG).toISOString().slice(0, 10);

/**
 * The periods of a year in which the members and the key stay the same: a new period begins on
 * every join and every key version's effective date. Days without any member are left out (the
 * pool of a year is the members' pool).
 */
export function abschnitte({
  jahr,
  mitglieder,
  versionen,
}: {
  jahr: number;
  mitglieder: Mitglied[];
  versionen: SchluesselVersion[];
}): Abschnitt[] {
  const start = tagNummer(`${jahr}-01-01`);
  const ende = tagNummer(`${jahr + 1}-01-01`);
  const grenzen = new Set([start]);
  const tage = [
    ...mitglieder.flatMap((m) => (m.mitgliedBis ? [m.mitgliedSeit, m.mitgliedBis] : [m.mitgliedSeit])),
    ...versionen.map((v) => v.giltAb),
  ];
  for (const d of tage) {
    const t = tagNummer(d);
    if (t > start && t < ende) grenzen.add(t);
  }
  const sortiert = [...grenzen].sort((a, b) => a - b);
  const ergebnis: Abschnitt[] = [];
  sortiert.forEach((von, i) => {
    const bis = sortiert[i + 1] ?? ende;
    const dabei = mitglieder
      .filter((m) => tagNummer(m.mitgliedSeit) <= von && (!m.mitgliedBis || tagNummer(m.mitgliedBis) > von))
      .map((m) => m.id);
    if (dabei.length === 0) return;
    const version =
      [...versionen]
        .sort((a, b) => a.giltAb.localeCompare(b.giltAb))
        .filter((v) => tagNummer(v.giltAb) <= von)
        .at(-1) ?? null;
    ergebnis.push({ von: isoVon(von), bis: isoVon(bis - 1), tage: bis - von, mitglieder: dabei, version });
  });
  return ergebnis;
}

/**
 * A year's pool split among the members: each period gets the pool × its days / the year's member
 * days, split by the key in force; a member's exact amounts are added up over the periods and only
 * then rounded to the cent by largest remainder, so the shares always sum to the pool.
 */
export function jahresverteilung({
  jahr,
  poolCent,
  mitglieder,
  versionen,
}: {
  jahr: number;
  poolCent: bigint;
  mitglieder: Mitglied[];
  versionen: SchluesselVersion[];
}) {
  const teile = abschnitte({ jahr, mitglieder, versionen });
  const tageGesamt = teile.reduce((a, t) => a + t.tage, 0);
  const exakt = new Map<string, Bruch>(mitglieder.map((m) => [m.id, NULL]));
  for (const teil of teile) {
    const dabei = mitglieder.filter((m) => teil.mitglieder.includes(m.id));
    const schluessel = teil.version?.schluessel ?? schluesselFuer('gleich');
    const topf = bruch(poolCent * BigInt(teil.tage), BigInt(tageGesamt));
    anteile({ schluessel, mitglieder: dabei.map((m) => ({ ...m.kennzahlen, id: m.id })) }).forEach(
      (anteil, i) => {
        const id = dabei[i]!.id;
        exakt.set(id, plus(exakt.get(id)!, mal(topf, anteil)));
      },
    );
  }
  const beteiligt = mitglieder.filter((m) => teile.some((t) => t.mitglieder.includes(m.id)));
  const cent = teile.length
    ? groessterRest({ total: poolCent, exakt: beteiligt.map((m) => exakt.get(m.id)!) })
    : [];
  return {
    abschnitte: teile,
    anteile: beteiligt.map((m, i) => ({ id: m.id, name: m.name, cent: cent[i]!, exakt: exakt.get(m.id)! })),
  };
}
