import { describe, expect, it } from 'vitest';
import { indexTerms } from './search.indexer.ts';
import { extractReferences, fold } from './search.models.ts';

describe('fold: German folding as SQL verbund_fold does it', () => {
  it('lower-cases and writes umlauts and ß out', () => {
    expect(fold('Größe ÄÖÜ äöü ß ẞ Straße')).toBe('groesse aeoeue aeoeue ss ss strasse');
  });
});

describe('extractReferences: Drucksachen-Nr. and Aktenzeichen in a text', () => {
  it('finds reference numbers with a slash and a digit, upper-cased and once each', () => {
    expect(
      extractReferences('Siehe kt/103/2020, KT/065-03/19 und Az. 00.20-0001/2020; erneut KT/103/2020.'),
    ).toEqual(['KT/103/2020', 'KT/065-03/19', '00.20-0001/2020']);
  });

  it('ignores slashes without digits and fractions too short to be a reference', () => {
    expect(extractReferences('und/oder, 1/2 Liter, km/h')).toEqual([]);
  });

  it('stops at the limit', () => {
    const text = Array.from({ length: 10 }, (_, i) => `KT/${100 + i}/2020`).join(' ');
    expect(extractReferences(text, 3)).toEqual(['KT/100/2020', 'KT/101/2020', 'KT/102/2020']);
  });
});

describe('indexTerms: what the indexer writes besides title and content', () => {
  const context = {
    titel: 'Beschlussvorlage KT/103/2020',
    absender: 'Verwaltung',
    empfaenger: null,
    aktenzeichen: '00.20-0001/2020',
    akte_titel: 'Zweckvereinbarung',
    betreff: 'Änderung',
    externe_referenz: null,
    dateiname: 'vorlage.pdf',
    metadaten: [
      { name: 'Drucksachen-Nr.', typ: 'text' as const, wert: 'KT/104/2020' },
      { name: 'Seiten', typ: 'zahl' as const, wert: 12 },
    ],
  };

  it('collects parties, Akte, Vorgang, file name and metadata values as weight-B text', () => {
    expect(indexTerms(context, null).meta).toBe(
      'Verwaltung 00.20-0001/2020 Zweckvereinbarung Änderung vorlage.pdf KT/104/2020 12',
    );
  });

  it('collects the reference numbers of title, Aktenzeichen, metadata and content', () => {
    expect(indexTerms(context, 'Bezug: KT/090/2019').refs).toEqual([
      'KT/103/2020',
      '00.20-0001/2020',
      'KT/104/2020',
      'KT/090/2019',
    ]);
  });
});
