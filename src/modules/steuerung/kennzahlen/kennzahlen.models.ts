/**
 * Percentile with linear interpolation between the closest ranks, as spreadsheet PERCENTILE.INC
 * and PostgreSQL percentile_cont: rank h = (n − 1)·p, value = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋+1 − x⌊h⌋).
 */
export function percentileInc(werte: number[], p: number): number | null {
  if (werte.length === 0) return null;
  if (!(p >= 0 && p <= 1)) throw new RangeError('p must be within 0..1');
  const x = [...werte].sort((a, b) => a - b);
  const h = (x.length - 1) * p;
  const unten = Math.floor(h);
  const oben = Math.min(unten + 1, x.length - 1);
  return x[unten]! + (h - unten) * (x[oben]! - x[unten]!);
}

/** Days rounded to one decimal for display (null stays null). */
export const tage = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
