import { COUNT_LIMIT } from './search.models.ts';

/**
 * The limits and the cost model of a text search (README "Wie eine Textsuche ihren Aufwand
 * begrenzt"): from PostgreSQL's estimates, which way collects the matches and the title hits, how
 * far a walk may read, and in which order it checks the terms. search.plan.repository.ts gets the
 * estimates and builds the statements' pieces.
 */

/**
 * Candidates of each kind (title/metadata hits, newest content hits) ranked on their full vector:
 * each vector is read from TOAST (about 80 µs at a million documents), so a page of 20 looks at
 * 120 documents at most.
 */
export const CANDIDATES = 60;
/** Title/metadata hits ranked per query: the newest this many (all of them in smaller files). */
export const HEAD_POOL = 500;
/** The same when found among the most recently filed documents. */
export const HEAD_WALK = 200;
/** Microseconds per document: a GIN posting (bitmap), a row read and checked (the choice of way). */
const COST = { posting: 0.35, row: 1.5 };
/**
 * The same as measured at 1,000,000 documents (6.12.2026, table in PostgreSQL's cache): 0.27 µs per
 * posting, 3 µs per row of the GIN path's pool, 3.5 µs per row of a walk, 0.3 and 0.7 µs per
 * document of a bitmap of units and of Vorgänge. Only a walk's budget and the lists beside the GIN
 * index use them: the whole choice on these figures was slower (p95 170 instead of 113 ms).
 */
const MEASURED = { posting: 0.27, poolRow: 3, walkRow: 3.5, unitEntry: 0.3, vorgangEntry: 0.7 };
/** A walk reads every document the filters leave when they are at most this many times its cap… */
const WHOLE_FILTER = 1.5;
/** …with this margin on PostgreSQL's estimate of them. */
const FILTER_MARGIN = 1.2;
/** Matches read through the GIN index at most: the newest hits are taken from them when that is all. */
export const POOL = 10_000;
/** Documents read at most when looking for the most recently filed matches row by row. */
export const WALK_ROWS = 10_000;
/**
 * Tests and benchmarks only: `force` takes one way to collect the matches whatever the estimates
 * say; `walkCap` is the number of documents a walk reads at most before it gives up and the GIN
 * index answers instead (40,000: about 60–200 ms); `vorgaengeReadWhole` how many Vorgänge a county
 * may have for the visibility rule to be checked on the documents' own columns (10,000: about 10 ms
 * to read them).
 */
export const searchTuning: {
  force: 'walk' | 'index' | undefined;
  walkCap: number;
  /** Up to this many Vorgänge in a county, the visibility rule becomes lists (resolveFilters). */
  vorgaengeReadWhole: number;
} = {
  force: undefined,
  walkCap: 40_000,
  vorgaengeReadWhole: 10_000,
};
/**
 * Documents checked for a phrase at most: a phrase is checked on each document's full vector
 * (word positions, read from TOAST), so only this many documents with all of its words are.
 */
export const PHRASE_CHECKS = 300;

/** PostgreSQL's estimates for one query (rows). */
export type Estimates = {
  /** Matches of the content, of the title/metadata; documents the filters leave; documents of the county. */
  body: number;
  head: number;
  filtered: number;
  total: number;
  /** Per term (in the query's order): documents with it in the content, and in the title/metadata. */
  bodyPerTerm: number[];
  headPerTerm: number[];
};

/** How the matches and the title hits are collected. */
export type Ways = {
  /** By checking documents one by one on their key hashes (true) or through the GIN index. */
  bodyWalk: boolean;
  /**
   * Documents a walk reads at most: three times what the estimate needs and no more than the GIN
   * index would cost (at least 5,000, at most searchTuning.walkCap).
   */
  walkCap: number;
  /**
   * The title/metadata hits: through the GIN index, by checking every document the filters leave
   * (few), or among the most recently filed documents (when they are in many).
   */
  head: 'index' | 'filter' | 'walk';
  /**
   * Beside the content's GIN index, which lists are checked on the rows it finds instead of being
   * read as bitmaps of their own: those whose bitmap would cost more than reading every document
   * with the words (listsOnRows).
   */
  listsOnRows: { units: boolean; vorgaenge: boolean };
  /** The terms' indexes in the order a walk checks them: the one that rejects most documents first. */
  termOrder: number[];
};

/**
 * Whether a list of units or of Vorgänge is cheaper checked on each of the `wordDocs` documents the
 * GIN index finds than read as a bitmap and intersected with the index's (PostgreSQL's choice,
 * which underrates the bitmap): even reading all of them (MEASURED.poolRow each) costs less than
 * the list's bitmap, here of the `filtered` documents (at most as many as the list's). Measured at
 * a million documents: the 77,717 documents of "04" as a bitmap took 31 ms beside the 218 of
 * "Ingenieurbüro Rückforderung Ellrich"; a status filter's 150,000 took 53–102 ms.
 */
export function listsOnRows(wordDocs: number, filtered: number) {
  const rows = wordDocs * MEASURED.poolRow;
  return { units: rows < filtered * MEASURED.unitEntry, vorgaenge: rows < filtered * MEASURED.vorgangEntry };
}

/**
 * The cheapest ways by estimated microseconds. `negated` says which terms are excluded; `keys`
 * whether the query has a key test at all (without one, the GIN index collects the matches).
 */
export function chooseWays(e: Estimates, negated: boolean[], keys: boolean): Ways {
  // GIN intersects the words of an AND from the rarest one, skipping through the others (about
  // three postings read per posting of the rarest; one word: its own); a negated word's documents
  // are all read. `andFactor` 3 is what the choice has always assumed, also for one word.
  const postings = (counts: number[], andFactor: number) => {
    const positive = counts.filter((_, i) => !negated[i]);
    const excluded = counts.filter((_, i) => negated[i]).reduce((a, b) => a + b, 0);
    const first = positive.length > 1 ? 3 * Math.min(...positive) : andFactor * (positive[0] ?? 0);
    return first + excluded;
  };
  // A GIN bitmap costs per document with the words (whatever the filters), then each match read;
  // a walk reads documents in the table's order (or those of a filter's index) until it has
  // COUNT_LIMIT + 1.
  const density = (hits: number) => Math.max(hits, 1) / Math.max(e.filtered, 1);
  const walk = (hits: number, wanted: number) => Math.min(e.filtered, wanted / density(hits)) * COST.row;
  const bitmap = (postings: number, hits: number, wanted: number) =>
    postings * COST.posting + Math.min(hits, wanted) * COST.row;
  const bodyWalk =
    keys &&
    (searchTuning.force
      ? searchTuning.force === 'walk'
      : walk(e.body, COUNT_LIMIT + 1) < bitmap(postings(e.bodyPerTerm, 3), e.body, POOL + 1));
  // Title hits by a walk: the newest WALK_ROWS of the county are read, the filters leave their share.
  const share = Math.min(1, Math.max(e.filtered, 1) / Math.max(e.total, 1));
  const headCosts: Array<[Ways['head'], number]> = [
    ['index', bitmap(postings(e.headPerTerm, 3), e.head, HEAD_POOL + HEAD_POOL / 4)],
    ['filter', e.filtered * COST.row],
    ['walk', Math.min(WALK_ROWS, HEAD_WALK / density(e.head) / share) * COST.row],
  ];
  const [head] = headCosts.sort((x, y) => x[1] - y[1])[0]!;
  // A walk reads no more than the GIN index would cost: its estimate assumes that words and
  // filters are independent, and where they exclude each other (a word only in outgoing letters,
  // searched among incoming ones) it read its whole budget before the GIN index answered.
  const expectedRows = walk(e.body, COUNT_LIMIT + 1) / COST.row;
  const ginRows =
    (MEASURED.posting * postings(e.bodyPerTerm, 1) + MEASURED.poolRow * Math.min(e.body, POOL + 1)) /
    MEASURED.walkRow;
  const capped = Math.min(
    searchTuning.walkCap,
    Math.max(5_000, Math.ceil(Math.min(3 * expectedRows, ginRows))),
  );
  // A filter that leaves not much more than that is read whole (its estimate, for filters alone,
  // is reliable): the walk then has every match and the answer is complete. Stopping just short of
  // it cost both ways: a case worker's "Rechtsbehelfsbelehrung" in 00.30 walked 8,954 of 8,955
  // documents, then asked the GIN index (70 + 94 ms at a million documents).
  const walkCap =
    e.filtered <= WHOLE_FILTER * capped
      ? Math.min(searchTuning.walkCap, Math.max(capped, Math.ceil(FILTER_MARGIN * e.filtered)))
      : capped;
  // Each key check reads a document's key hashes (0.1–1 µs, search.plan.repository anyKey); AND stops at the first that fails.
  const passes = (i: number) => {
    const found = Math.min(1, (e.bodyPerTerm[i] ?? 0) / Math.max(e.total, 1));
    return negated[i] ? 1 - found : found;
  };
  const termOrder = negated.map((_, i) => i).sort((a, b) => passes(a) - passes(b));
  // The documents with all the words: at most those of the rarest positive word.
  const positive = e.bodyPerTerm.filter((_, i) => !negated[i]);
  const wordDocs = positive.length > 0 ? Math.min(...positive) : e.total;
  return { bodyWalk, walkCap, head, listsOnRows: listsOnRows(wordDocs, e.filtered), termOrder };
}
