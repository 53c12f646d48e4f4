import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../search.query.ts';
import { analyzeWord, displayForm } from './german-analyzer.ts';
import { searchVectors } from './search-vectors.ts';
import { exactTsqueryOf, tsqueryOf } from './tsquery.ts';

const keys = (word: string) => analyzeWord(word).keys;

describe('analyzeWord: lemmas from the lexicon, the same at index and query time', () => {
  it.each([
    ['Anträge', 'Antrag'],
    ['Verträge', 'Vertrag'],
    ['Widersprüche', 'Widerspruch'],
    ['Ämter', 'Amt'],
    ['Städte', 'Stadt'],
    ['Bescheides', 'Bescheid'],
    ['Bescheide', 'Bescheid'],
    ['Mütter', 'Mutter'],
    ['Zuständigkeiten', 'Zuständigkeit'],
    ['Wiedervorlagen', 'Wiedervorlage'],
    ['Bescheinigungen', 'Bescheinigung'],
    ['Maßnahmen', 'Maßnahme'],
    ['Ergebnisse', 'Ergebnis'],
    ['Beschlüsse', 'Beschluss'],
    ['Zuschüsse', 'Zuschuss'],
    ['Stellungnahmen', 'Stellungnahme'],
  ])('%s has the key of %s', (form, lemma) => {
    expect(keys(form)).toEqual(expect.arrayContaining(keys(lemma)));
    expect(keys(form).length).toBeGreaterThan(0);
  });

  it.each([
    ['Antraege', 'Anträge'],
    ['Zustaendigkeit', 'Zuständigkeit'],
    ['Zustandigkeit', 'Zuständigkeit'],
    ['Gebuehren', 'Gebühren'],
    ['Gebuhren', 'Gebühren'],
    ['Strasse', 'Straße'],
    ['Massnahme', 'Maßnahme'],
    ['FOERDERUNG', 'Förderung'],
  ])('%s (without umlaut) means %s', (variant, word) => {
    expect(keys(variant)).toEqual(keys(word));
  });

  it.each([
    ['Förderung', 'Forderung'],
    ['zählen', 'zahlen'],
    ['drücken', 'drucken'],
    ['Förderungen', 'Forderungen'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(keys(a).filter((k) => keys(b).includes(k))).toEqual([]);
  });

  it('splits compounds into parts and keeps the whole word as key', () => {
    expect(analyzeWord('Gebührenbescheide')).toMatchObject({
      keys: ['gebührenbescheid'],
      parts: expect.arrayContaining(['_gebühr', '_bescheid']),
    });
    expect(analyzeWord('Bewohnerparkausweis').parts).toEqual(
      expect.arrayContaining(['_bewohner', '_parkausweis', '_ausweis']),
    );
    expect(analyzeWord('Müllgebühren').parts).toContain('_gebühr');
    expect(analyzeWord('Landratsamt').parts).toEqual(expect.arrayContaining(['_landrat', '_amt']));
    expect(analyzeWord('Landratsamt').parts).not.toContain('_samt');
    expect(keys('Gebuehrenbescheide')).toEqual(keys('Gebührenbescheid'));
  });

  it('does not split words that are not compounds of known parts', () => {
    for (const word of [
      'Bescheid',
      'Antrag',
      'Verwaltung',
      'Enthaltungen',
      'Gebühren',
      'beantragen',
      'Maßnahmen',
      'Ergebnisse',
    ])
      expect(analyzeWord(word).parts, word).toEqual([]);
  });

  it('leaves function words out and numbers exact', () => {
    expect(analyzeWord('und')).toMatchObject({ keys: [], stopword: true });
    expect(keys('schon')).not.toEqual(keys('schön'));
    expect(keys('16064003')).toEqual(['16064003']);
  });

  it('stems unknown words with Snowball, written-out umlauts as umlauts', () => {
    expect(keys('Mueller')).toEqual(keys('Müller'));
    expect(keys('Kyffhäuserkreises')).toEqual(keys('Kyffhaeuserkreis'));
  });

  it('shows nouns capitalized', () => {
    expect(displayForm('widerspruch')).toBe('Widerspruch');
    expect(displayForm('zweckvereinbarung')).toBe('Zweckvereinbarung');
  });
});

describe('searchVectors and tsqueryOf', () => {
  it('weights title A, metadata B, content D and keeps compound parts at their word', () => {
    const { search, head } = searchVectors({
      titel: 'Anträge',
      meta: 'Gebührenbescheid',
      content: 'und Städte',
    });
    expect(head).toBe("'antrag':1A 'gebührenbescheid':2B '_gebühr':2B '_bescheid':2B");
    expect(search).toBe(`${head} 'stadt':4`);
  });

  it('builds words with compound parts, phrases with gaps, prefixes and negation', () => {
    expect(tsqueryOf(parseSearchQuery('Bescheide'))).toBe("( 'bescheid' | '_bescheid' )");
    expect(exactTsqueryOf(parseSearchQuery('Bescheide'))).toBe("'bescheid'");
    expect(tsqueryOf(parseSearchQuery('"Antrag auf Wohngeld"'))).toBe(
      "( ( 'antrag' | '_antrag' ) <2> 'wohngeld' )",
    );
    expect(tsqueryOf(parseSearchQuery('Widerspr* -Anträge'))).toBe(
      "'widerspr':* & !( 'antrag' | '_antrag' )",
    );
    expect(tsqueryOf(parseSearchQuery('und'))).toBe("'und'");
  });
});
