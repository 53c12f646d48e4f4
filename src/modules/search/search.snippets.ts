import { NOTHING } from './analyzer/word-matcher.ts';

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

/**
 * A highlighted snippet (HTML-escaped, matches in <mark>) of about `words` words around the
 * densest cluster of matches. `matchesWord` says whether a word matches the query (the analyzer's
 * wordMatcher: the same lemmas and compound parts as the index). Matches are looked for in the
 * first SNIPPET_SCAN characters (a long PDF's first pages: a page of hits must not analyse whole
 * books); nothing to look for – a listing – gives the text's beginning.
 */
export function buildSnippet(
  text: string,
  matchesWord: (word: string) => boolean,
  references: string[],
  words = 32,
  /** Whether a token matches, shared by the snippets of one page (the same words recur). */
  known: Map<string, boolean> = new Map(),
): string {
  if (matchesWord === NOTHING && references.length === 0) {
    const head = text
      .slice(0, words * LISTING_CHARS_PER_WORD)
      .split(/\s+/)
      .filter(Boolean);
    const shown = head.slice(0, words);
    const more = head.length > words || text.length > words * LISTING_CHARS_PER_WORD;
    return `${escapeHtml(shown.join(' '))}${more ? ' …' : ''}`;
  }
  // Whitespace only separates the words (the snippet joins them with single spaces).
  const tokens = text.slice(0, SNIPPET_SCAN).split(/\s+/);
  if (tokens[0] === '') tokens.shift();
  if (tokens.at(-1) === '') tokens.pop();
  const matches = new Array<boolean>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    let match = known.get(token);
    if (match === undefined) {
      const bare = bareOf(token);
      match =
        bare !== '' &&
        ((references.length > 0 && references.includes(bare.toUpperCase())) || matchesWord(bare));
      known.set(token, match);
    }
    matches[i] = match;
  }
  if (tokens.length === 0) return '';
  let best = 0;
  let bestScore = -1;
  let score = 0;
  for (let i = 0; i < matches.length; i++) {
    if (matches[i]) score++;
    if (i >= words && matches[i - words]) score--;
    if (score > bestScore) {
      bestScore = score;
      best = Math.max(0, i - words + 1);
    }
  }
  // Start a few words before the first match of the window for context.
  const firstMatch = matches.indexOf(true, best);
  const start = bestScore > 0 && firstMatch >= 0 ? Math.max(0, Math.min(best, firstMatch - 4)) : 0;
  const end = Math.min(tokens.length, start + words);
  const parts: string[] = [];
  for (let w = start; w < end; w++) {
    const token = tokens[w]!;
    parts.push(matches[w] ? `<mark>${escapeHtml(token)}</mark>` : escapeHtml(token));
  }
  return `${start > 0 ? '… ' : ''}${parts.join(' ')}${end < tokens.length ? ' …' : ''}`;
}
