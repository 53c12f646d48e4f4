import { describe, expect, it } from 'vitest';
import { counterYearOf, formatAktenzeichen, validateAktenzeichenMuster } from './akten.models.ts';

const values = { kennzeichen: '00.20', nr: 7, jahr: 2026, kreisschluessel: '16064' };

describe('Aktenzeichen pattern', () => {
  it('fills Kennzeichen, zero-padded number, year, two-digit year and county key', () => {
    expect(formatAktenzeichen('{kennzeichen}-{nr:4}/{jahr}', values)).toBe('00.20-0007/2026');
    expect(formatAktenzeichen('{kreis}.{kennzeichen}/{nr}/{jahr2}', values)).toBe('16064.00.20/7/26');
  });

  it('leaves unknown placeholders as written', () => {
    expect(formatAktenzeichen('{nr}-{foo}', values)).toBe('7-{foo}');
  });

  it('accepts a pattern with {nr} and known placeholders, refuses one without {nr} or with unknown ones', () => {
    expect(() => validateAktenzeichenMuster('{kennzeichen}-{nr:4}/{jahr}')).not.toThrow();
    expect(() => validateAktenzeichenMuster('{kennzeichen}/{jahr}')).toThrow(
      expect.objectContaining({ code: 'aktenzeichen.invalid_pattern' }),
    );
    expect(() => validateAktenzeichenMuster('{nr}-{abteilung}')).toThrow(
      expect.objectContaining({ code: 'aktenzeichen.invalid_pattern' }),
    );
    expect(() => validateAktenzeichenMuster(`{nr}${'x'.repeat(100)}`)).toThrow();
  });

  it('restarts numbering each year only when the year is part of the pattern', () => {
    expect(counterYearOf('{kennzeichen}-{nr}/{jahr}', 2026)).toBe(2026);
    expect(counterYearOf('{kennzeichen}-{nr}/{jahr2}', 2026)).toBe(2026);
    expect(counterYearOf('{kennzeichen}-{nr}', 2026)).toBe(0);
  });
});
