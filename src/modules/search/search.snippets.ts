const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * A highlighted snippet (HTML-escaped, matches in <mark>) of about `words` words around the
 * densest cluster of matches. `matchesWord` says whether a word matches the query (the analyzer's
 * wordMatcher: the same lemmas and compound parts as the index).
 */
export function buildSnippet(
  text: string,
  matchesWord: (word: string) => boolean,
  references: string[],
  words = 32,
): string {
  const tokens = text.slice(0, 200_000).split(/(\s+)/);
  const isMatch = (token: string) => {
    const bare = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!bare) return false;
    if (references.length > 0 && references.includes(bare.toUpperCase())) return true;
    return matchesWord(bare);
  };
  const wordIndexes: number[] = [];
  const matches: boolean[] = [];
  tokens.forEach((token, i) => {
    if (!/^\s*$/.test(token)) {
      wordIndexes.push(i);
      matches.push(isMatch(token));
    }
  });
  if (wordIndexes.length === 0) return '';
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
  const end = Math.min(wordIndexes.length, start + words);
  const parts: string[] = [];
  for (let w = start; w < end; w++) {
    const token = tokens[wordIndexes[w]!]!;
    parts.push(matches[w] ? `<mark>${escapeHtml(token)}</mark>` : escapeHtml(token));
  }
  return `${start > 0 ? '… ' : ''}${parts.join(' ')}${end < wordIndexes.length ? ' …' : ''}`;
}
