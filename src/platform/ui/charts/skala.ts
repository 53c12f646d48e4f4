/** Colours of the series: dark enough for 3:1 against white (WCAG 1.4.11), distinct in hue. */
export const REIHEN_FARBEN = [
  '#1d4f91',
  '#c2410c',
  '#15803d',
  '#7e22ce',
  '#b91c1c',
  '#0e7490',
  '#a16207',
  '#4d4d4d',
];

export const farbe = (i: number) => REIHEN_FARBEN[i % REIHEN_FARBEN.length] as string;

/** A linear axis with round ticks ("nice numbers") that contains min, max and zero. */
export function schoeneSkala({ min, max, schritte = 5 }: { min: number; max: number; schritte?: number }) {
  let lo = Math.min(0, min);
  let hi = Math.max(0, max);
  if (lo === hi) hi = lo + 1;
  const roh = (hi - lo) / schritte;
  const groesse = 10 ** Math.floor(Math.log10(roh));
  const norm = roh / groesse;
  const schritt = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * groesse;
  lo = Math.floor(lo / schritt) * schritt;
  hi = Math.ceil(hi / schritt) * schritt;
  const ticks: number[] = [];
  for (let t = lo; t <= hi + schritt / 2; t += schritt) ticks.push(Number(t.toPrecision(12)));
  return { min: lo, max: hi, ticks };
}

/** Maps a value of [min, max] onto pixels [unten, oben] (SVG y grows downwards). */
export const yAbbildung =
  ({ min, max, oben, unten }: { min: number; max: number; oben: number; unten: number }) =>
  (wert: number) =>
    runde(unten - ((wert - min) / (max - min)) * (unten - oben));

/** Two decimals are enough for pixels and keep the markup short. */
export const runde = (n: number) => Math.round(n * 100) / 100;
