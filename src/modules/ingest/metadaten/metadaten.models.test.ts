import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findDates } from './dates.ts';
import { suggestMetadata } from './metadaten.models.ts';
import { findBetraege, findIbans, ibanValid } from './money.ts';
import { findAktenzeichen, findBeschluesse, findDrucksachen } from './references.ts';
import { scan } from './scan.ts';

const fixture = readFileSync(
  new URL('../../../../test/fixtures/metadaten/datumsangaben.tsv', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const [text, dates = ''] = line.split('\t');
    return { text: text!, expected: dates ? dates.split(',') : [] };
  });

describe('German dates', () => {
  it('reaches precision ≥ 0.98 and recall ≥ 0.95 on the labelled set of at least 300 date strings', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const misses: string[] = [];
    for (const { text, expected } of fixture) {
      const found = findDates(text).map((date) => date.value);
      const left = [...expected];
      for (const value of found) {
        const at = left.indexOf(value);
        if (at >= 0) {
          truePositives++;
          left.splice(at, 1);
        } else {
          falsePositives++;
          misses.push(`zu viel: ${value} in „${text}“`);
        }
      }
      falseNegatives += left.length;
      for (const value of left) misses.push(`fehlt: ${value} in „${text}“`);
    }
    const labelled = fixture.reduce((sum, row) => sum + row.expected.length, 0);
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    console.info(
      `[figures] dates: ${labelled} labelled, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
    );
    expect(labelled).toBeGreaterThanOrEqual(300);
    expect(misses.slice(0, 10)).toEqual(
      misses.length > 0 && precision >= 0.98 && recall >= 0.95 ? misses.slice(0, 10) : [],
    );
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('reads the forms of the issue and gives each date its position', () => {
    const text = 'Kreistag am 24.06.2020, Sitzung 24. Juni 2020, kurz 24.6.20.';
    const dates = findDates(text);
    expect(dates.map((d) => d.value)).toEqual(['2020-06-24', '2020-06-24', '2020-06-24']);
    for (const date of dates) expect(text.slice(date.start, date.end)).toBe(date.raw);
    expect(dates.map((d) => d.raw)).toEqual(['24.06.2020', '24. Juni 2020', '24.6.20']);
  });
});

describe('the letter date among other dates', () => {
  it('takes the dateline, not the date of the letter answered or the deadline', () => {
    const letter = [
      'Landratsamt Unstrut-Hainich-Kreis',
      'Lindenbühl 28/29, 99974 Mühlhausen',
      'Ihr Schreiben vom 03.06.2020',
      'Mühlhausen, den 24. Juni 2020',
      'Betreff: Änderung der Zweckvereinbarung',
      'Bitte antworten Sie bis zum 31.07.2020.',
    ].join('\n');
    const s = suggestMetadata({ text: letter, aktenzeichenMuster: '{kennzeichen}-{nr:4}/{jahr}' });
    expect(s.briefdatum).toMatchObject({ wert: '2020-06-24', text: '24. Juni 2020' });
    expect(letter.slice(s.briefdatum!.von, s.briefdatum!.bis)).toBe('24. Juni 2020');
    expect(s.daten.map((d) => d.wert)).toEqual(['2020-06-03', '2020-07-31']);
    expect(s.absender).toMatchObject({ wert: 'Landratsamt Unstrut-Hainich-Kreis', von: 0 });
  });

  it('takes „Datum:“, and without a dateline the first date that is no reference or deadline', () => {
    const labelled = suggestMetadata({
      text: 'Stadt Eisenach\nFrist: 01.09.2020\nDatum: 12.08.2020\nText',
      aktenzeichenMuster: '{nr}',
    });
    expect(labelled.briefdatum?.wert).toBe('2020-08-12');
    const plain = suggestMetadata({
      text: 'Vermerk\nIhr Antrag vom 01.02.2021 wurde geprüft; Rücksprache 05.02.2021.',
      aktenzeichenMuster: '{nr}',
    });
    expect(plain.briefdatum?.wert).toBe('2021-02-05');
  });
});

describe('references, sender, IBAN and amounts', () => {
  const text = [
    'Kyffhäuserkreis – Der Landrat',
    'Markt 8, 99706 Sondershausen',
    'Unser Zeichen: 00.20-0007/2020, Ihr Zeichen 12/345',
    'Drucksache KT/103/2020, Beschluss KT/065-03/19 und KA/012-04/2021',
    'Bitte überweisen Sie 1.234,56 EUR (in Worten) bzw. EUR 80,- auf',
    'DE89 3704 0044 0532 0130 00 oder DE89370400440532013001 (falsch).',
    'Gebühr: 150,00 Euro; 12 €.',
  ].join('\n');

  it('finds Aktenzeichen in the county pattern, Drucksachen-Nr. and Beschlussnummern apart', () => {
    expect(findAktenzeichen(text, '{kennzeichen}-{nr:4}/{jahr}').map((f) => f.value)).toEqual([
      '00.20-0007/2020',
    ]);
    expect(
      findAktenzeichen(
        'WAK 16063/00.20/26-007 und WAK 16064/00.20/26-007',
        'WAK {kreis}/{kennzeichen}/{jahr2}-{nr:3}',
        '16063',
      ).map((f) => f.value),
    ).toEqual(['WAK 16063/00.20/26-007']);
    expect(findDrucksachen(text).map((f) => f.value)).toEqual(['KT/103/2020']);
    expect(findBeschluesse(text).map((f) => f.value)).toEqual(['KT/065-03/19', 'KA/012-04/2021']);
  });

  it('accepts only IBANs with valid check digits and reads amounts in cents', () => {
    expect(ibanValid('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(ibanValid('DE89370400440532013001')).toBe(false);
    expect(ibanValid('DE8937040044053201300')).toBe(false);
    expect(findIbans(text).map((f) => f.value)).toEqual(['DE89370400440532013000']);
    expect(findBetraege(text).map((f) => f.value)).toEqual([123456, 8000, 15000, 1200]);
  });

  it('names the sender from the letterhead and every suggestion points at its text', () => {
    const s = suggestMetadata({ text, aktenzeichenMuster: '{kennzeichen}-{nr:4}/{jahr}' });
    expect(s.absender?.wert).toBe('Kyffhäuserkreis – Der Landrat');
    for (const list of [s.aktenzeichen, s.drucksachen, s.beschluesse, s.ibans, s.betraege])
      for (const item of list) expect(text.slice(item.von, item.bis)).toBe(item.text);
    expect(
      suggestMetadata({
        text: 'Absender: Zweckverband Wasser, Am Ring 3\nBetreff: x',
        aktenzeichenMuster: '{nr}',
      }).absender?.wert,
    ).toBe('Zweckverband Wasser');
  });
});

describe('every pattern under a time limit', () => {
  it('handles pathological input (long digit and dot runs, 1 MB without line breaks) within the budget', () => {
    const hostile = [
      '1.'.repeat(300_000),
      `${'KT/'.repeat(50_000)}1`,
      `DE89 ${'1234 '.repeat(60_000)}`,
      `${'1.234.'.repeat(50_000)},56 EUR`,
      `${'a'.repeat(1_000_000)}`,
    ];
    for (const text of hostile) {
      const started = performance.now();
      suggestMetadata({ text, aktenzeichenMuster: '{kennzeichen}-{nr:4}/{jahr}' });
      const ms = performance.now() - started;
      // Each scan stops after its budget (250 ms) plus one bounded piece; eight scans at most.
      expect(ms).toBeLessThan(3_000);
    }
  });

  it('stops a scan once its budget is spent and says so', () => {
    const text = '24.06.2020\n'.repeat(200_000);
    const { found, cut } = scan(text, /\d{2}\.\d{2}\.\d{4}/g, (m) => m[0], { budgetMs: 5 });
    expect(cut).toBe(true);
    expect(found.length).toBeLessThan(200_000);
  });
});
