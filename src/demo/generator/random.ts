/** A small seeded PRNG (mulberry32): the same seed gives the same sequence on every machine. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  /** Zipf-like choice: early items are much more frequent than late ones. */
  const zipf = <T>(items: readonly T[]): T => items[Math.floor(items.length * next() ** 2.2)]!;
  const chance = (p: number) => next() < p;
  const date = (from: string, to: string) => {
    const a = Date.parse(`${from}T00:00:00Z`);
    const b = Date.parse(`${to}T00:00:00Z`);
    return new Date(a + Math.floor(next() * ((b - a) / 86_400_000 + 1)) * 86_400_000)
      .toISOString()
      .slice(0, 10);
  };
  return { next, int, pick, zipf, chance, date };
}

export type Random = ReturnType<typeof createRandom>;
