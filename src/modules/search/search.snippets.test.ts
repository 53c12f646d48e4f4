import { describe, expect, it } from 'vitest';
import { wordMatcher } from './analyzer/word-matcher.ts';
import { parseSearchQuery } from './search.query.ts';
import { buildSnippet, snippetChars } from './search.snippets.ts';

const matching = (query: string) => wordMatcher(parseSearchQuery(query));

describe('buildSnippet: the highlighted text under a hit', () => {
  it('marks the words the query matches, in any inflection', () => {
    expect(
      buildSnippet(
        'Der Kreistag beschließt die Zweckvereinbarung.',
        matching('Kreistage Zweckvereinbarungen'),
        [],
      ),
    ).toBe('Der <mark>Kreistag</mark> beschließt die <mark>Zweckvereinbarung.</mark>');
  });

  it('matches German words written without umlauts as the index does (ss for ß, ae for ä)', () => {
    expect(buildSnippet('Straßenbau in Gräfenhain', matching('Strassenbau Graefenhain'), [])).toBe(
      '<mark>Straßenbau</mark> in <mark>Gräfenhain</mark>',
    );
  });

  it('marks reference numbers exactly, whatever their case in the text', () => {
    expect(buildSnippet('Vorlage kt/103/2020 vom Mai', matching(''), ['KT/103/2020'])).toBe(
      'Vorlage <mark>kt/103/2020</mark> vom Mai',
    );
  });

  it('escapes HTML of the document text', () => {
    expect(buildSnippet('<script>alert("x")</script> Antrag & Bescheid', matching('Anträge'), [])).toBe(
      '&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; <mark>Antrag</mark> &#38; Bescheid',
    );
  });

  it('shows the window around the densest cluster of matches, with ellipses where text is cut', () => {
    const words = Array.from({ length: 100 }, (_, i) =>
      i === 60 || i === 62 ? 'Wiedervorlage' : `wort${i}`,
    );
    const snippet = buildSnippet(words.join(' '), matching('Wiedervorlagen'), []);
    expect(snippet.startsWith('… ')).toBe(true);
    expect(snippet.endsWith(' …')).toBe(true);
    expect(snippet.match(/<mark>/g)).toHaveLength(2);
    expect(snippet.split(' ').filter((w) => w !== '…')).toHaveLength(32);
  });

  it('stops at the first window with as many matches as the query has words, not reading on for a denser one', () => {
    const words = Array.from({ length: 400 }, (_, i) =>
      i === 10 || (i >= 300 && i % 2 === 0) ? 'Bescheid' : `wort${i}`,
    );
    // One word in the query: its first occurrence, from four words before it.
    const one = buildSnippet(words.join(' '), matching('Bescheide'), []);
    expect(one.startsWith('… wort6 wort7 wort8 wort9 <mark>Bescheid</mark> wort11')).toBe(true);
    expect(one.match(/<mark>/g)).toHaveLength(1);
    // Two words: the first window holding two matches (of either), here the later cluster.
    const two = buildSnippet(words.join(' '), matching('Bescheid Widerspruch'), []);
    expect(two.startsWith('… wort296 wort297 wort298 wort299 <mark>Bescheid</mark> wort301')).toBe(true);
  });

  it('counts the query words that can match: stop words do not, a prefix does', () => {
    expect(matching('"Antrag auf Wohngeld"').words).toBe(2);
    expect(matching('Zweck* Kreistag -Bescheid').words).toBe(2);
    expect(matching('').words).toBe(0);
  });

  it('starts at the beginning when nothing matches', () => {
    const text = Array.from({ length: 40 }, (_, i) => `wort${i}`).join(' ');
    const snippet = buildSnippet(text, matching('Bescheid'), []);
    expect(snippet.startsWith('wort0 wort1')).toBe(true);
    expect(snippet.endsWith('wort31 …')).toBe(true);
  });

  it('gives a listing the first 32 words, split at any whitespace a regular expression knows', () => {
    // Texts with tabs, line breaks, no-break and ideographic spaces, cut at every length.
    const spaces = [' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2009', '\u3000', '\ufeff'];
    for (let n = 0; n < 60; n++) {
      const text = Array.from({ length: n }, (_, i) => `w${i}${spaces[(i * 7) % spaces.length]}`).join('');
      const words = text.slice(0, 1280).split(/\s+/).filter(Boolean);
      const expected = `${words.slice(0, 32).join(' ')}${words.length > 32 || text.length > 1280 ? ' …' : ''}`;
      expect(buildSnippet(text, matching(''), [])).toBe(expected);
    }
  });

  it('returns an empty snippet for an empty text', () => {
    expect(buildSnippet('', matching('Antrag'), [])).toBe('');
    expect(buildSnippet('   \n ', matching('Antrag'), [])).toBe('');
  });

  it('needs only the first characters that snippetChars reads from the database', () => {
    // Texts of every length around the limits: the snippet of the cut text is the snippet of the whole.
    for (const n of [5, 31, 32, 33, 40, 400, 5_000]) {
      const text = Array.from({ length: n }, (_, i) => `Wort${i}${i % 7 === 3 ? ' Bescheid' : ''}`).join(' ');
      const listing = snippetChars({ listing: true });
      expect(buildSnippet(text.slice(0, listing), matching(''), [])).toBe(
        buildSnippet(text, matching(''), []),
      );
      const search = snippetChars({ listing: false });
      expect(buildSnippet(text.slice(0, search), matching('Bescheid'), [])).toBe(
        buildSnippet(text, matching('Bescheid'), []),
      );
    }
  });
});
