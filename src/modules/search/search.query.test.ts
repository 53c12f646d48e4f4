import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from './search.query.ts';

describe('parseSearchQuery: what a case worker types into the search box', () => {
  it('splits German words and keeps umlauts and ß as typed (folding happens in the query)', () => {
    expect(parseSearchQuery('Baugenehmigung Straße Gänseblümchen')).toEqual([
      { kind: 'word', value: 'Baugenehmigung', negated: false },
      { kind: 'word', value: 'Straße', negated: false },
      { kind: 'word', value: 'Gänseblümchen', negated: false },
    ]);
  });

  it('reads a trailing star as a prefix search', () => {
    expect(parseSearchQuery('Bauantr*')).toEqual([{ kind: 'prefix', value: 'Bauantr', negated: false }]);
  });

  it('reads quoted words as one phrase, and a minus before quotes as an excluded phrase', () => {
    expect(parseSearchQuery('"1. Änderung der Zweckvereinbarung" -"alte Fassung"')).toEqual([
      { kind: 'phrase', value: '1. Änderung der Zweckvereinbarung', negated: false },
      { kind: 'phrase', value: 'alte Fassung', negated: true },
    ]);
  });

  it('excludes a word with a leading minus but keeps hyphens inside a word', () => {
    expect(parseSearchQuery('-Abriss Müller-Lüdenscheidt')).toEqual([
      { kind: 'word', value: 'Abriss', negated: true },
      { kind: 'word', value: 'Müller-Lüdenscheidt', negated: false },
    ]);
  });

  it('takes a Drucksachen-Nr. like KT/103/2020 as a reference number, upper-cased', () => {
    expect(parseSearchQuery('kt/103/2020')).toEqual([
      { kind: 'reference', value: 'KT/103/2020', negated: false },
    ]);
    expect(parseSearchQuery('KT/065-03/19')).toEqual([
      { kind: 'reference', value: 'KT/065-03/19', negated: false },
    ]);
  });

  it('takes an Aktenzeichen like 00.20-0001/2026 as a reference number, also excluded and with punctuation around', () => {
    expect(parseSearchQuery('Bescheid -00.20-0001/2026 (00.20-0002/2026),')).toEqual([
      { kind: 'word', value: 'Bescheid', negated: false },
      { kind: 'reference', value: '00.20-0001/2026', negated: true },
      { kind: 'reference', value: '00.20-0002/2026', negated: false },
    ]);
  });

  it('does not take a slash without a digit as a reference: und/oder stays text', () => {
    expect(parseSearchQuery('und/oder')).toEqual([{ kind: 'word', value: 'und oder', negated: false }]);
  });

  it('strips punctuation and German quotation marks from words', () => {
    expect(parseSearchQuery('„Bescheid“, Antrag!')).toEqual([
      { kind: 'word', value: 'Bescheid', negated: false },
      { kind: 'word', value: 'Antrag', negated: false },
    ]);
  });

  it('normalises decomposed umlauts (NFC), as pasted from some PDFs', () => {
    expect(parseSearchQuery('Mu\u0308ller')).toEqual([{ kind: 'word', value: 'Müller', negated: false }]);
  });

  it('returns nothing for empty or garbage input', () => {
    expect(parseSearchQuery('')).toEqual([]);
    expect(parseSearchQuery('   ')).toEqual([]);
    expect(parseSearchQuery('*** !!! "" ? §$%')).toEqual([]);
  });

  it('passes a lone hyphen on as a word (PostgreSQL finds no lexeme in it)', () => {
    expect(parseSearchQuery('Antrag -')).toEqual([
      { kind: 'word', value: 'Antrag', negated: false },
      { kind: 'word', value: '-', negated: false },
    ]);
  });

  it('keeps at most 20 terms', () => {
    const words = Array.from({ length: 30 }, (_, i) => `wort${i}`).join(' ');
    const terms = parseSearchQuery(words);
    expect(terms).toHaveLength(20);
    expect(terms.at(-1)).toEqual({ kind: 'word', value: 'wort19', negated: false });
  });
});
