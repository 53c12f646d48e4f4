/**
 * Exact fractions with BigInt: cost shares are rationals (pool × days / days of the year × weight /
 * sum of weights), and rounding them to the cent must not depend on floating-point noise.
 */
export type Bruch = { readonly n: bigint; readonly d: bigint };

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y) [x, y] = [y, x % y];
  return x || 1n;
};

export function bruch(n: bigint | number, d: bigint | number = 1n): Bruch {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError('Nenner 0');
  if (dd < 0n) [nn, dd] = [-nn, -dd];
  const g = gcd(nn, dd);
  return { n: nn / g, d: dd / g };
}

export const NULL = bruch(0);
export const EINS = bruch(1);

export const plus = (a: Bruch, b: Bruch) => bruch(a.n * b.d + b.n * a.d, a.d * b.d);
export const minus = (a: Bruch, b: Bruch) => bruch(a.n * b.d - b.n * a.d, a.d * b.d);
export const mal = (a: Bruch, b: Bruch) => bruch(a.n * b.n, a.d * b.d);
export const durch = (a: Bruch, b: Bruch) => bruch(a.n * b.d, a.d * b.n);
export const summe = (list: Bruch[]) => list.reduce(plus, NULL);
/** Negative when a < b, 0 when equal, positive when a > b. */
export const vergleich = (a: Bruch, b: Bruch) => {
  const diff = a.n * b.d - b.n * a.d;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
};
/** Rounded toward minus infinity. */
export const abgerundet = (a: Bruch) => {
  const q = a.n / a.d;
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
};
export const alsZahl = (a: Bruch) => Number(a.n) / Number(a.d);

/**
 * Largest-remainder rounding (Hare–Niemeyer) of exact shares that sum to `total`: every share is
 * rounded down, and the units still missing go one each to the shares with the largest remainders
 * (ties to the earlier entry). The result always sums to `total` exactly and each share differs
 * from its exact value by less than one unit.
 */
export function groessterRest({ total, exakt }: { total: bigint; exakt: Bruch[] }): bigint[] {
  if (vergleich(summe(exakt), bruch(total)) !== 0)
    throw new RangeError('Die exakten Anteile ergeben nicht die Summe.');
  const unten = exakt.map(abgerundet);
  let fehlend = total - unten.reduce((a, b) => a + b, 0n);
  const reihenfolge = exakt
    .map((wert, index) => ({ index, rest: minus(wert, bruch(unten[index]!)) }))
    .sort((a, b) => vergleich(b.rest, a.rest) || a.index - b.index);
  const ergebnis = [...unten];
  for (const { index } of reihenfolge) {
    if (fehlend <= 0n) break;
    ergebnis[index]! += 1n;
    fehlend -= 1n;
  }
  return ergebnis;
}
