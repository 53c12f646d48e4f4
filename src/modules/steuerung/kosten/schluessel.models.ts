import { type Bruch, bruch, NULL, plus, summe } from './bruch.models.ts';

/** Non-negative integer weights, normalised by their sum (ThürKGG § 9(4): a key for joint performance). */
export type Kostenschluessel = {
  gleich: number;
  einwohner: number;
  nutzung: number;
  /** How usage is measured: Anträge, Dokumente and active user accounts. */
  nutzungGewichte: { antraege: number; dokumente: number; benutzer: number };
  /**
   * Fixed shares in percent per county id, as an amendment of the Zweckvereinbarung names them
   * (`aenderungen.kostenschluessel`); when set, they alone decide (normalised to the members present).
   */
  fest?: Record<string, number> | null;
};

export const SCHLUESSEL_ARTEN = ['gleich', 'einwohner', 'nutzung', 'mix'] as const;
export type SchluesselArt = (typeof SCHLUESSEL_ARTEN)[number];

const GLEICHE_NUTZUNG = { antraege: 1, dokumente: 1, benutzer: 1 };

/** The named keys; `mix` without recorded weights weighs all three parts the same. */
export function schluesselFuer(art: SchluesselArt, mix?: Kostenschluessel): Kostenschluessel {
  if (art === 'gleich') return { gleich: 1, einwohner: 0, nutzung: 0, nutzungGewichte: GLEICHE_NUTZUNG };
  if (art === 'einwohner') return { gleich: 0, einwohner: 1, nutzung: 0, nutzungGewichte: GLEICHE_NUTZUNG };
  if (art === 'nutzung') return { gleich: 0, einwohner: 0, nutzung: 1, nutzungGewichte: GLEICHE_NUTZUNG };
  return mix ?? { gleich: 1, einwohner: 1, nutzung: 1, nutzungGewichte: GLEICHE_NUTZUNG };
}

/** The name of a key as people say it: gleich, einwohner, nutzung, or mix for any combination. */
export function artVon(s: Kostenschluessel): SchluesselArt | 'fest' {
  if (s.fest) return 'fest';
  const teile = [s.gleich > 0, s.einwohner > 0, s.nutzung > 0].filter(Boolean).length;
  if (teile > 1) return 'mix';
  return s.einwohner > 0 ? 'einwohner' : s.nutzung > 0 ? 'nutzung' : 'gleich';
}

/** What the key needs to know of a member. `einwohner` null = no figure entered. */
export type Kennzahlen = {
  /** The county id (fixed shares name counties). */
  id?: string;
  einwohner: number | null;
  antraege: number;
  dokumente: number;
  benutzer: number;
};

/** Shares proportional to the values; all zero = equal shares (nobody used anything yet). */
function proportional(werte: number[]): Bruch[] {
  const gesamt = werte.reduce((a, b) => a + b, 0);
  if (gesamt === 0) return werte.map(() => bruch(1, werte.length));
  return werte.map((w) => bruch(w, gesamt));
}

function gewichtet(teile: Array<{ gewicht: number; anteile: Bruch[] }>, anzahl: number): Bruch[] {
  const gesamt = teile.reduce((a, t) => a + t.gewicht, 0);
  const ergebnis: Bruch[] = Array.from({ length: anzahl }, () => NULL);
  for (const teil of teile) {
    if (teil.gewicht === 0) continue;
    for (let i = 0; i < anzahl; i++)
      ergebnis[i] = plus(
        ergebnis[i]!,
        bruch(BigInt(teil.gewicht) * teil.anteile[i]!.n, BigInt(gesamt) * teil.anteile[i]!.d),
      );
  }
  return ergebnis;
}

/**
 * Each member's exact share (fractions summing to 1) under the key. Throws with the index of the
 * first member without a population figure when the key needs one.
 */
export function anteile({
  schluessel,
  mitglieder,
}: {
  schluessel: Kostenschluessel;
  mitglieder: Kennzahlen[];
}) {
  const n = mitglieder.length;
  if (n === 0) return [];
  if (schluessel.fest) return festeAnteile(schluessel.fest, mitglieder);
  let einwohnerAnteile: Bruch[] = [];
  if (schluessel.einwohner > 0) {
    const ohne = mitglieder.findIndex((m) => m.einwohner === null);
    if (ohne >= 0) throw new EinwohnerFehlen(ohne);
    einwohnerAnteile = proportional(mitglieder.map((m) => m.einwohner!));
  }
  const g = schluessel.nutzungGewichte;
  const nutzungAnteile =
    schluessel.nutzung > 0
      ? gewichtet(
          [
            { gewicht: g.antraege, anteile: proportional(mitglieder.map((m) => m.antraege)) },
            { gewicht: g.dokumente, anteile: proportional(mitglieder.map((m) => m.dokumente)) },
            { gewicht: g.benutzer, anteile: proportional(mitglieder.map((m) => m.benutzer)) },
          ],
          n,
        )
      : [];
  const result = gewichtet(
    [
      { gewicht: schluessel.gleich, anteile: mitglieder.map(() => bruch(1, n)) },
      { gewicht: schluessel.einwohner, anteile: einwohnerAnteile },
      { gewicht: schluessel.nutzung, anteile: nutzungAnteile },
    ],
    n,
  );
  // Guard of the model: shares of a key always add up to one.
  const total = summe(result);
  if (total.n !== total.d) throw new Error('Anteile ergeben nicht 1');
  return result;
}

/** "33.34" percent → 3334/100, exactly (a float's decimal text, not its binary value). */
const prozent = (wert: number) => {
  const [ganz, nach = ''] = String(wert).split('.');
  return bruch(BigInt(`${ganz}${nach}`), 10n ** BigInt(nach.length));
};

function festeAnteile(fest: Record<string, number>, mitglieder: Kennzahlen[]): Bruch[] {
  const ohne = mitglieder.findIndex((m) => !m.id || !(m.id in fest));
  if (ohne >= 0) throw new AnteilFehlt(ohne);
  const werte = mitglieder.map((m) => prozent(fest[m.id!]!));
  const gesamt = summe(werte);
  if (gesamt.n === 0n) return mitglieder.map(() => bruch(1, mitglieder.length));
  return werte.map((w) => bruch(w.n * gesamt.d, w.d * gesamt.n));
}

/** A fixed key names no share for a member present in the period. */
export class AnteilFehlt extends Error {
  constructor(readonly index: number) {
    super(`fixed share missing for member ${index}`);
  }
}

export class EinwohnerFehlen extends Error {
  constructor(readonly index: number) {
    super(`population missing for member ${index}`);
  }
}
