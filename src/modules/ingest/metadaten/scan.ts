/**
 * The time limit of every pattern here: patterns are linear (no nested or overlapping quantifiers,
 * every repetition bounded), the text is read line by line with at most MAX_LINE characters per
 * piece and at most MAX_TEXT characters in all, and the scan stops once `budgetMs` is spent
 * (checked between pieces, each of which is bounded). A pathological input therefore costs at
 * most the budget plus one bounded piece — never the catastrophic backtracking of an unsafe pattern.
 */
export const SCAN_LIMITS = { maxText: 200_000, maxLine: 2_000, budgetMs: 250 };

/** A found value with its position in the text (UTF-16 offsets, as JavaScript counts). */
export type Found<T = string> = { value: T; raw: string; start: number; end: number };

export type Piece = { text: string; offset: number; line: number };

/** The text in bounded pieces (lines, long lines cut), with their offsets. */
export function* pieces(text: string, limits = SCAN_LIMITS): Generator<Piece> {
  const bounded = text.length > limits.maxText ? text.slice(0, limits.maxText) : text;
  let offset = 0;
  let line = 0;
  for (const raw of bounded.split('\n')) {
    for (let at = 0; at < raw.length || (at === 0 && raw.length === 0); at += limits.maxLine) {
      yield { text: raw.slice(at, at + limits.maxLine), offset: offset + at, line };
      if (raw.length === 0) break;
    }
    offset += raw.length + 1;
    line++;
  }
}

/**
 * Runs `pattern` (global, sticky-free) over every piece until the budget is spent; `map` turns a
 * match into a value or null (rejected). Returns what was found and whether the scan was cut short.
 */
export function scan<T>(
  text: string,
  pattern: RegExp,
  map: (match: RegExpExecArray, piece: Piece) => T | null,
  {
    budgetMs = SCAN_LIMITS.budgetMs,
    limits = SCAN_LIMITS,
  }: { budgetMs?: number; limits?: typeof SCAN_LIMITS } = {},
): { found: Array<Found<T>>; cut: boolean } {
  if (!pattern.global) throw new Error('scan needs a global pattern');
  const started = performance.now();
  const found: Array<Found<T>> = [];
  for (const piece of pieces(text, limits)) {
    if (performance.now() - started > budgetMs) return { found, cut: true };
    pattern.lastIndex = 0;
    for (let match = pattern.exec(piece.text); match; match = pattern.exec(piece.text)) {
      if (match[0].length === 0) pattern.lastIndex++;
      const value = map(match, piece);
      if (value !== null)
        found.push({
          value,
          raw: match[0],
          start: piece.offset + match.index,
          end: piece.offset + match.index + match[0].length,
        });
    }
  }
  return { found, cut: text.length > limits.maxText };
}
