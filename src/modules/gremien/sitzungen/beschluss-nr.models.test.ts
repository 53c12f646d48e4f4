import { describe, expect, it } from 'vitest';
import {
  BESCHLUSS_NUMMERNVORLAGE,
  beschlussNummer,
  beschlussZaehlerOf,
  parseBeschlussNummernvorlage,
  renderBeschlussNr,
} from './beschluss-nr.models.ts';

describe('Beschluss-Nr.', () => {
  it('KT, session 65, item 3 in 2019 gives KT/065-03/19 under the standard template', () => {
    expect(beschlussNummer({ gremium: 'KT', sitzung: 65, top: 3, jahr: 2019 })).toBe('KT/065-03/19');
    expect(beschlussNummer({ gremium: 'KA', sitzung: 1234, top: 12, jahr: 2020 })).toBe('KA/1234-12/20');
    expect(
      beschlussNummer(
        { gremium: 'JHA', sitzung: 7, top: 1, jahr: 2026 },
        'B {yyyy}/{gremium} {sitzung}.{top}',
      ),
    ).toBe('B 2026/JHA 7.1');
  });

  it('numbers by a running number per Gremium and year when the template has {seq}', () => {
    const vorlage = parseBeschlussNummernvorlage('{gremium}-{seq:4}/{yyyy}');
    expect(vorlage).toMatchObject({ seq: true, perGremium: true, perYear: true });
    expect(renderBeschlussNr(vorlage, { gremium: 'KT', sitzung: 9, top: 4, jahr: 2020, seq: 17 })).toBe(
      'KT-0017/2020',
    );
    expect(beschlussZaehlerOf(vorlage, { gremium: 'KT', jahr: 2020 })).toEqual({
      reihe: '{gremium}-{seq:4}/{yyyy}|KT',
      jahr: 2020,
    });
    const countyWide = parseBeschlussNummernvorlage('B/{seq:3}');
    expect(beschlussZaehlerOf(countyWide, { gremium: 'KT', jahr: 2020 })).toEqual({
      reihe: 'B/{seq:3}',
      jahr: 0,
    });
    expect(() => renderBeschlussNr(countyWide, { gremium: 'KT', sitzung: 1, top: 1, jahr: 2020 })).toThrow();
  });

  it('refuses templates that are unknown, repeated, too wide, oddly written or not unique, in German', () => {
    const refused = (text: string) => {
      try {
        parseBeschlussNummernvorlage(text);
      } catch (error) {
        return (error as Error).message;
      }
      return 'angenommen';
    };
    expect(refused('KT/{nr}/{yy}')).toBe('Unbekannter Platzhalter {nr}.');
    expect(refused('{yy:2}/{seq}')).toBe('Unbekannter Platzhalter {yy:2}.');
    expect(refused('{seq:7}/{yy}')).toBe('{seq:N}: N muss zwischen 1 und 6 liegen.');
    expect(refused('{seq}/{seq}')).toBe('Der Platzhalter {seq} steht mehr als einmal in der Vorlage.');
    expect(refused('KT#{seq}')).toContain('erlaubt sind Buchstaben, Ziffern');
    expect(refused('{sitzung}-{top}/{yy}')).toContain('eindeutig');
    expect(refused('x')).toContain('3 bis 80 Zeichen');
    expect(refused(BESCHLUSS_NUMMERNVORLAGE)).toBe('angenommen');
  });
});
