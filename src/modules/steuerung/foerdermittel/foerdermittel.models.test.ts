import { describe, expect, it } from 'vitest';
import {
  type Ausgabe,
  type Bewilligung,
  belegliste,
  pruefeAusgaben,
  zuwendungCent,
} from './foerdermittel.models.ts';

const bewilligung: Bewilligung = {
  id: 'b',
  zuwendungsgeber: 'Freistaat Thüringen',
  programm: 'Thüringer Förderrichtlinie für E-Government und IT',
  aktenzeichen: 'EG-2020-1',
  zweck: 'Serviceteam',
  foerdersatzBp: 9000,
  zuwendungsfaehigCent: 100_000_00,
  von: '2020-01-01',
  bis: '2020-12-31',
  sachbericht: '',
  beispiel: false,
};

const ausgabe = (id: string, datum: string, euro: number, beleg = true): Ausgabe => ({
  id,
  datum,
  betragCent: euro * 100,
  kategorie: 'personal',
  text: `Ausgabe ${id}`,
  belegDokumentId: beleg ? `dok-${id}` : null,
  belegTitel: beleg ? `Beleg ${id}` : null,
  beispiel: false,
});

describe('grant expenses against the Bewilligung', () => {
  it('flags an expense before or after the period and does not count it towards the eligible sum', () => {
    const p = pruefeAusgaben({
      bewilligung,
      ausgaben: [
        ausgabe('1', '2019-12-31', 500),
        ausgabe('2', '2020-06-30', 1000),
        ausgabe('3', '2021-01-01', 700),
      ],
    });
    expect(p.ausgaben.map((a) => a.hinweise)).toEqual([['ausserhalb_zeitraum'], [], ['ausserhalb_zeitraum']]);
    expect(p.summeCent).toBe(2200_00);
    expect(p.imZeitraumCent).toBe(1000_00);
    expect(p.hinweise.ausserhalbZeitraum).toBe(2);
  });

  it('flags the expense whose running sum passes the eligible amount and every one after it', () => {
    const p = pruefeAusgaben({
      bewilligung,
      ausgaben: [
        ausgabe('c', '2020-11-01', 10_000),
        ausgabe('a', '2020-03-01', 60_000),
        ausgabe('b', '2020-07-01', 40_000),
      ],
    });
    expect(p.ausgaben.map((a) => [a.id, a.hinweise])).toEqual([
      ['a', []],
      ['b', []],
      ['c', ['ueber_betrag']],
    ]);
    expect(p.ueberschreitungCent).toBe(10_000_00);
    expect(p.restCent).toBe(-10_000_00);
    expect(p.anrechenbarCent).toBe(100_000_00);
    expect(p.gefoerdertCent).toBe(90_000_00);
  });

  it('is not over the amount when the sum equals it exactly, and flags a missing receipt', () => {
    const p = pruefeAusgaben({
      bewilligung,
      ausgaben: [ausgabe('a', '2020-01-01', 99_999), ausgabe('b', '2020-12-31', 1, false)],
    });
    expect(p.ausgaben.map((a) => a.hinweise)).toEqual([[], ['beleg_fehlt']]);
    expect(p.restCent).toBe(0);
  });

  it('computes the grant as eligible amount times rate, rounded to the cent', () => {
    expect(zuwendungCent({ zuwendungsfaehigCent: 143_000_00, foerdersatzBp: 10000 })).toBe(143_000_00);
    expect(zuwendungCent({ zuwendungsfaehigCent: 333, foerdersatzBp: 5000 })).toBe(167);
  });

  it('lists the expenses as the zahlenmäßiger Nachweis with euro numbers and German flags', () => {
    const p = pruefeAusgaben({ bewilligung, ausgaben: [ausgabe('a', '2021-02-01', 12, false)] });
    const t = belegliste({ bewilligung, pruefung: p });
    expect(t.zeilen).toEqual([
      [
        1,
        '2021-02-01',
        'Personalausgaben',
        'Ausgabe a',
        12,
        0,
        null,
        'außerhalb des Bewilligungszeitraums; Beleg fehlt',
      ],
    ]);
  });
});
