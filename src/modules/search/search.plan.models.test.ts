import { describe, expect, it } from 'vitest';
import { chooseWays, type Estimates, listsOnRows } from './search.plan.models.ts';

/** Estimates at a million documents, as PostgreSQL gives them. */
const estimates = (over: Partial<Estimates>): Estimates => ({
  body: 0,
  head: 0,
  filtered: 1_000_000,
  total: 1_000_000,
  bodyPerTerm: [],
  headPerTerm: [],
  ...over,
});

describe('the choice of way for a text search', () => {
  it('walks for a word in most documents and uses the GIN index for a rare one', () => {
    const common = chooseWays(
      estimates({ body: 260_000, bodyPerTerm: [260_000], headPerTerm: [5_000] }),
      [false],
      true,
    );
    expect(common.bodyWalk).toBe(true);
    const rare = chooseWays(estimates({ body: 900, bodyPerTerm: [900], headPerTerm: [50] }), [false], true);
    expect(rare.bodyWalk).toBe(false);
    // Without a key test there is nothing to walk on.
    expect(chooseWays(estimates({ body: 260_000, bodyPerTerm: [260_000] }), [false], false).bodyWalk).toBe(
      false,
    );
  });

  it('bounds a walk by what the GIN index would cost, not only by three times the expected rows', () => {
    // "Rechtsbehelfsbelehrung" among incoming letters: 104,000 documents with the word, estimated
    // 57,000 among the 553,000 the filter leaves (the word is only in outgoing letters: 0).
    const way = chooseWays(
      estimates({ body: 57_000, filtered: 553_000, bodyPerTerm: [104_000], headPerTerm: [1_800] }),
      [false],
      true,
    );
    expect(way.bodyWalk).toBe(true);
    // 3 × expected would be about 29,000 rows; the GIN path costs about as much as 16,600.
    expect(way.walkCap).toBe(Math.ceil((0.27 * 104_000 + 3 * 10_001) / 3.5));
  });

  it('reads the documents of a filter whole when they are not many more than the walk may read', () => {
    // A case worker's "Rechtsbehelfsbelehrung" in 00.30: the filters leave about 8,950 documents,
    // the walk's budget (what the GIN index would cost) was just below that – it read all but one of them,
    // found 926 matches, and the GIN index had to answer again.
    const estimated = estimates({ body: 1_000, filtered: 8_953, bodyPerTerm: [99_000], headPerTerm: [100] });
    const way = chooseWays(estimated, [false], true);
    expect(way.bodyWalk).toBe(true);
    expect(way.walkCap).toBe(Math.ceil(1.2 * 8_953));
    // Far more documents than the budget: the budget stays.
    const wide = chooseWays({ ...estimated, filtered: 100_000 }, [false], true);
    expect(wide.walkCap).toBeLessThan(100_000);
  });

  it('checks a list on the rows the GIN index finds when its own bitmap would cost more', () => {
    // "Ingenieurbüro Rückforderung Ellrich" (218 documents) in "04" (77,717): the unit's bitmap took 31 ms.
    expect(listsOnRows(218, 77_717)).toEqual({ units: true, vorgaenge: true });
    // A word in 20,000 documents with a status filter (150,000 documents): a Vorgang list's bitmap
    // costs more (0.7 µs each) than reading the word's documents, a unit list's (0.3 µs) less.
    expect(listsOnRows(20_000, 150_000)).toEqual({ units: false, vorgaenge: true });
    // A word in 100,000 documents: both bitmaps are cheaper than reading them all.
    expect(listsOnRows(100_000, 150_000)).toEqual({ units: false, vorgaenge: false });
  });

  it('checks the term that rejects most documents first', () => {
    // "Anhörung -Bescheid": Anhörung in 83 %, Bescheid in 95 % (its negation passes 5 %).
    const way = chooseWays(estimates({ body: 46_000, bodyPerTerm: [830_000, 950_000] }), [false, true], true);
    expect(way.termOrder).toEqual([1, 0]);
    const plain = chooseWays(
      estimates({ body: 40_000, bodyPerTerm: [830_000, 50_000] }),
      [false, false],
      true,
    );
    expect(plain.termOrder).toEqual([1, 0]);
  });

  it('counts the rows a title walk reads whatever the filters leave', () => {
    // A filter on a tenth of the county holding 10,000 of the 12,000 titles with the word: 200 of
    // them lie among 2,000 documents that pass the filter, but the walk reads the newest documents
    // of the county, 20,000 (capped at 10,000) – more than the small GIN bitmap costs.
    const way = chooseWays(
      estimates({
        body: 30_000,
        head: 10_000,
        filtered: 100_000,
        bodyPerTerm: [60_000],
        headPerTerm: [12_000],
      }),
      [false],
      true,
    );
    expect(way.head).toBe('index');
  });
});
