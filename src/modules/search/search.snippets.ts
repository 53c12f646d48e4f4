import { NOTHING, type WordMatcher } from './analyzer/word-matcher.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Characters of a text looked at for matches: the snippet comes from its first pages. */
const SNIPPET_SCAN = 12_000;
/** Characters a listing's snippet (the text's beginning) is cut from, per word shown. */
const LISTING_CHARS_PER_WORD = 40;

/**
 * How many characters of a text buildSnippet looks at: reading only these from the database
 * (`left(text, n)` decompresses only the first TOAST chunks) keeps a page's cost independent of
 * the documents' length. One more than a listing shows, so it knows whether to add " …".
 */
export const snippetChars = ({ listing, words = 32 }: { listing: boolean; words?: number }) =>
  listing ? words * LISTING_CHARS_PER_WORD + 1 : SNIPPET_SCAN;

/** A token without the punctuation around it ("(Antrag)," → "Antrag"), kept per process: texts share their words. */
const bare = new Map<string, string>();
function bareOf(token: string): string {
  let found = bare.get(token);
  if (found === undefined) {
    found = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (bare.size >= 200_000) bare.clear();
    bare.set(token, found);
  }
  return found;
}

/** The words of a text (what whitespace separates), one per call; undefined after the last. */
function wordsOf(text: string): () => string | undefined {
  const word = /\S+/g;
  return () => word.exec(text)?.[0];
}

/**
 * A highlighted snippet (HTML-escaped, matches in <mark>) of about `words` words: the first window
 * with as many matches as the query has words (matchesWord.words, plus its reference numbers),
 * else the densest cluster of matches, shown from a few words before its first match.
 * `matchesWord` says whether a word matches the query (the analyzer's wordMatcher: the same lemmas
 * and compound parts as the index). Matches are looked for in the first SNIPPET_SCAN characters (a
 * long PDF's first pages: a page of hits must not analyse whole books), word by word until the
 * window is found. Most hits show their words early: a page of 20 snippets takes 1.9 ms (p50) at a
 * million documents, where reading every text to its 12,000th character took 4.9 ms.
 * Nothing to look for – a listing – gives the text's beginning.
 */
export function buildSnippet(
  text: string,
  matchesWord: WordMatcher,
  references: string[],
  words = 32,
  /** Whether a token matches, shared by the snippets of one page (the same words recur). */
  known: Map<string, boolean> = new Map(),
): string {
  if (matchesWord === NOTHING && references.length === 0) {
    // The first `words` words (one more tells whether the text goes on).
    const next = wordsOf(text.slice(0, words * LISTING_CHARS_PER_WORD));
    const shown: string[] = [];
    let word = next();
    while (word !== undefined && shown.length < words) {
      shown.push(word);
      word = next();
    }
    const more = word !== undefined || text.length > words * LISTING_CHARS_PER_WORD;
    return `${escapeHtml(shown.join(' '))}${more ? ' …' : ''}`;
  }
  // Whitespace only separates the words (the snippet joins them with single spaces). They are read
  // one by one until a window has `enough` matches: as many as the query has words that can match.
  const enough = Math.max(1, matchesWord.words + references.length);
  const next = wordsOf(text.length > SNIPPET_SCAN ? text.slice(0, SNIPPET_SCAN) : text);
  const tokens: string[] = [];
  const matches: boolean[] = [];
  const read = () => {
    const token = next();
    if (token === undefined) return false;
    let match = known.get(token);
    if (match === undefined) {
      const bare = bareOf(token);
      match =
        bare !== '' &&
        ((references.length > 0 && references.includes(bare.toUpperCase())) || matchesWord(bare));
      known.set(token, match);
    }
    tokens.push(token);
    matches.push(match);
    return true;
  };
  let best = 0;
  let bestScore = -1;
  let score = 0;
  while (read()) {
    const i = tokens.length - 1;
    if (matches[i]) score++;
    if (i >= words && matches[i - words]) score--;
    if (score > bestScore) {
      bestScore = score;
      best = Math.max(0, i - words + 1);
      if (score >= enough) break;
    }
  }
  if (tokens.length === 0) return '';
  // Start a few words before the window's first match for context (its last match stays in).
  const firstMatch = matches.indexOf(true, best);
  const start = bestScore > 0 && firstMatch >= 0 ? Math.max(best, firstMatch - 4) : 0;
  // The window's words, and one more to know whether the text goes on.
  while (tokens.length <= start + words && read());
  const end = Math.min(tokens.length, start + words);
  const parts: string[] = [];
  for (let w = start; w < end; w++) {
    const token = tokens[w]!;
    parts.push(matches[w] ? `<mark>${escapeHtml(token)}</mark>` : escapeHtml(token));
  }
  return `${start > 0 ? '… ' : ''}${parts.join(' ')}${end < tokens.length ? ' …' : ''}`;
}
