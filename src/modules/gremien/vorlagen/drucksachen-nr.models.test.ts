import { describe, expect, it } from 'vitest';
import {
  NummernvorlageError,
  parseNummernvorlage,
  renderDrucksachenNr,
  zaehlerOf,
} from './drucksachen-nr.models.ts';

describe('Drucksachen-Nr. from a template', () => {
  it('KT/{seq:3}/{yyyy} gives the number of the source document, KT/103/2020', () => {
    const vorlage = parseNummernvorlage('KT/{seq:3}/{yyyy}');
    expect(renderDrucksachenNr(vorlage, 103, 2020)).toBe('KT/103/2020');
    expect(renderDrucksachenNr(vorlage, 7, 2026)).toBe('KT/007/2026');
    expect(renderDrucksachenNr(vorlage, 1234, 2026)).toBe('KT/1234/2026');
  });

  it('writes the year with two digits for {yy} and counts per year only when the year is in it', () => {
    const perYear = parseNummernvorlage('DS {seq:4}-{yy}');
    expect(renderDrucksachenNr(perYear, 12, 2009)).toBe('DS 0012-09');
    expect(zaehlerOf(perYear, 2009)).toEqual({ reihe: 'DS {seq:4}-{yy}', jahr: 2009 });
    const running = parseNummernvorlage('V/{seq}');
    expect(renderDrucksachenNr(running, 5, 2030)).toBe('V/5');
    expect(zaehlerOf(running, 2030)).toEqual({ reihe: 'V/{seq}', jahr: 0 });
  });

  it('refuses templates without exactly one running number, unknown placeholders and odd characters', () => {
    const refused = (text: string, message: RegExp) =>
      expect(() => parseNummernvorlage(text)).toThrow(
        expect.objectContaining({ message: expect.stringMatching(message) }),
      );
    refused('KT/{yyyy}', /genau einen Platzhalter/);
    refused('KT/{seq}/{seq}', /genau einen Platzhalter/);
    refused('KT/{nr:3}', /Unbekannter Platzhalter \{nr:3\}/);
    refused('KT/{seq:9}', /zwischen 1 und 6/);
    refused('KT<{seq}>', /erlaubt sind/);
    refused('{s', /genau einen|3 bis 60/);
    expect(() => parseNummernvorlage('x'.repeat(61))).toThrow(NummernvorlageError);
  });
});
