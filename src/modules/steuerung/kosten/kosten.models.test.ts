import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beitrittSimulieren } from './beitritt.models.ts';
import { alsZahl, bruch, groessterRest, mal, minus } from './bruch.models.ts';
import { anteile, schluesselFuer } from './schluessel.models.ts';
import { jahresverteilung, type Mitglied } from './verteilung.models.ts';

const kennzahlen = (einwohner: number | null = null, antraege = 0) => ({
  einwohner,
  antraege,
  dokumente: 0,
  benutzer: 0,
});
const kreis = (id: string, einwohner: number | null = null) => ({
  id,
  name: id,
  kreisschluessel: '16000',
  kennzahlen: kennzahlen(einwohner),
});

describe('cost sharing: rounding and keys', () => {
  it('largest remainder always sums exactly to the pool and stays within a cent of each exact share (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 100_000_000_000n }),
        fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 25 }),
        (pool, gewichte) => {
          const gesamt = gewichte.reduce((a, b) => a + b, 0);
          const exakt = gewichte.map((g) =>
            gesamt === 0 ? bruch(pool, gewichte.length) : mal(bruch(pool), bruch(g, gesamt)),
          );
          const cent = groessterRest({ total: pool, exakt });
          expect(cent.reduce((a, b) => a + b, 0n)).toBe(pool);
          cent.forEach((c, i) => {
            const abweichung = Math.abs(alsZahl(minus(bruch(c), exakt[i]!)));
            expect(abweichung).toBeLessThan(1);
          });
        },
      ),
      { numRuns: 500, seed: 20201231 },
    );
  });

  it('a yearly split over any members, keys and join dates sums exactly to the pool (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10_000_000_000n }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: 0, max: 400 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.constantFrom('gleich', 'einwohner', 'nutzung', 'mix' as const),
        (pool, kreise, art) => {
          const mitglieder: Mitglied[] = kreise.map(([einwohner, tag], i) => ({
            id: `k${i}`,
            name: `Kreis ${i}`,
            kreisschluessel: '16000',
            mitgliedSeit: new Date(Date.UTC(2020, 0, 1 + (i === 0 ? 0 : tag))).toISOString().slice(0, 10),
            kennzahlen: { einwohner, antraege: tag, dokumente: einwohner % 97, benutzer: i },
          }));
          const versionen = [
            {
              giltAb: '2019-01-01',
              aenderung: null,
              schluessel: schluesselFuer('gleich'),
              beispieldaten: true,
            },
            { giltAb: '2020-07-01', aenderung: 1, schluessel: schluesselFuer(art), beispieldaten: true },
          ];
          const { anteile: ergebnis } = jahresverteilung({
            jahr: 2020,
            poolCent: pool,
            mitglieder,
            versionen,
          });
          expect(ergebnis.reduce((a, b) => a + b.cent, 0n)).toBe(pool);
        },
      ),
      { numRuns: 200, seed: 27112019 },
    );
  });

  it('one euro among three members is 34, 33 and 33 cents, the first of equal remainders first', () => {
    expect(groessterRest({ total: 100n, exakt: [bruch(100, 3), bruch(100, 3), bruch(100, 3)] })).toEqual([
      34n,
      33n,
      33n,
    ]);
  });

  it('the population key shares in proportion to the population and names a county without a figure', () => {
    const q = anteile({
      schluessel: schluesselFuer('einwohner'),
      mitglieder: [kennzahlen(100), kennzahlen(300)],
    });
    expect(q).toEqual([bruch(1, 4), bruch(3, 4)]);
    expect(() =>
      anteile({ schluessel: schluesselFuer('einwohner'), mitglieder: [kennzahlen(100), kennzahlen(null)] }),
    ).toThrow(/member 1/);
  });

  it('a mix of 1 part equal and 1 part population gives the mean of both shares', () => {
    const mix = { ...schluesselFuer('mix'), gleich: 1, einwohner: 1, nutzung: 0 };
    expect(anteile({ schluessel: mix, mitglieder: [kennzahlen(100), kennzahlen(300)] })).toEqual([
      bruch(3, 8),
      bruch(5, 8),
    ]);
  });

  it('equal key, pool 240,000 EUR, 4 → 5: 60,000 → 48,000 each, saving 12,000, break-even pool/4 = 60,000', () => {
    const r = beitrittSimulieren({
      poolCent: 24_000_000n,
      schluessel: schluesselFuer('gleich'),
      bisher: ['a', 'b', 'c', 'd'].map((id) => kreis(id)),
      neu: kreis('eichsfeld'),
    });
    expect(r.mitglieder.slice(0, 4).map((m) => [m.vorherCent, m.nachherCent, m.ersparnisCent])).toEqual(
      Array(4).fill([6_000_000n, 4_800_000n, 1_200_000n]),
    );
    expect(r.mitglieder[4]).toMatchObject({ neu: true, vorherCent: null, nachherCent: 4_800_000n });
    expect(r.breakEvenCent).toBe(6_000_000n);
  });

  it('equal key, 3 → 4 (the Wartburgkreis): 80,000 → 60,000 each, break-even pool/3 = 80,000', () => {
    const r = beitrittSimulieren({
      poolCent: 24_000_000n,
      schluessel: schluesselFuer('gleich'),
      bisher: ['a', 'b', 'c'].map((id) => kreis(id)),
      neu: kreis('wartburgkreis'),
    });
    expect(r.mitglieder.map((m) => m.nachherCent)).toEqual(Array(4).fill(6_000_000n));
    expect(r.mitglieder[0]!.vorherCent).toBe(8_000_000n);
    expect(r.breakEvenCent).toBe(8_000_000n);
  });

  it('population key: the break-even is set by the member whose share falls least', () => {
    // before 1/4 and 3/4; after (joining 400) 100/800 and 300/800: ratios 2 and 2 → X = pool.
    const r = beitrittSimulieren({
      poolCent: 1_000n,
      schluessel: schluesselFuer('einwohner'),
      bisher: [kreis('a', 100), kreis('b', 300)],
      neu: kreis('c', 400),
    });
    expect(r.breakEvenCent).toBe(1_000n);
    expect(r.mitglieder.map((m) => m.nachherCent)).toEqual([125n, 375n, 500n]);
  });

  it('2020 split pro rata by days: three founders all year, the Wartburgkreis from 24 June (191 of 366 days)', () => {
    const seit = (id: string, mitgliedSeit: string): Mitglied => ({ ...kreis(id), mitgliedSeit });
    const r = jahresverteilung({
      jahr: 2020,
      poolCent: 24_000_000n,
      mitglieder: [
        seit('nordhausen', '2019-11-27'),
        seit('kyffhaeuserkreis', '2019-11-27'),
        seit('unstrut-hainich-kreis', '2019-11-27'),
        seit('wartburgkreis', '2020-06-24'),
      ],
      versionen: [],
    });
    expect(r.abschnitte.map((a) => [a.von, a.bis, a.tage, a.mitglieder.length])).toEqual([
      ['2020-01-01', '2020-06-23', 175, 3],
      ['2020-06-24', '2020-12-31', 191, 4],
    ]);
    // founder: 24,000,000 × (175/366/3 + 191/366/4) = 6,956,284.15 ct; Wartburgkreis 3,131,147.54 ct
    expect(r.anteile.map((a) => a.cent)).toEqual([6_956_284n, 6_956_284n, 6_956_284n, 3_131_148n]);
  });

  it('a key version changes the split from its effective date', () => {
    const mitglieder: Mitglied[] = [
      { ...kreis('a', 100), mitgliedSeit: '2019-01-01' },
      { ...kreis('b', 300), mitgliedSeit: '2019-01-01' },
    ];
    const r = jahresverteilung({
      jahr: 2021,
      poolCent: 36_500n,
      mitglieder,
      versionen: [
        { giltAb: '2019-01-01', aenderung: null, schluessel: schluesselFuer('gleich'), beispieldaten: false },
        { giltAb: '2021-07-02', aenderung: 2, schluessel: schluesselFuer('einwohner'), beispieldaten: false },
      ],
    });
    // 182 days equal (18,200 ct → 9,100 each), 183 days by population (18,300 → 4,575 / 13,725)
    expect(r.abschnitte.map((a) => [a.tage, a.version?.aenderung])).toEqual([
      [182, null],
      [183, 2],
    ]);
    expect(r.anteile.map((a) => a.cent)).toEqual([13_675n, 22_825n]);
  });

  it('an amendment with fixed percentages decides alone, normalised to the members present; an Austritt ends a member', () => {
    const mitglieder: Mitglied[] = [
      { ...kreis('a'), mitgliedSeit: '2019-01-01' },
      { ...kreis('b'), mitgliedSeit: '2019-01-01', mitgliedBis: '2021-07-02' },
      { ...kreis('c'), mitgliedSeit: '2019-01-01' },
    ];
    const fest = { ...schluesselFuer('gleich'), gleich: 0, fest: { a: 33.34, b: 33.33, c: 33.33 } };
    const r = jahresverteilung({
      jahr: 2021,
      poolCent: 365_000n,
      mitglieder,
      versionen: [{ giltAb: '2021-01-01', aenderung: 2, schluessel: fest, beispieldaten: false }],
    });
    expect(r.abschnitte.map((a) => [a.tage, a.mitglieder])).toEqual([
      [182, ['a', 'b', 'c']],
      [183, ['a', 'c']],
    ]);
    // 182,000 ct by 33.34/33.33/33.33 %, then 183,000 ct by 33.34 : 33.33 of 66.67
    expect(r.anteile.reduce((a, b) => a + b.cent, 0n)).toBe(365_000n);
    expect(r.anteile.map((a) => a.cent)).toEqual([60_679n + 91_513n, 60_661n, 60_661n + 91_486n]);
    expect(() =>
      anteile({
        schluessel: fest,
        mitglieder: [
          { ...kennzahlen(), id: 'a' },
          { ...kennzahlen(), id: 'x' },
        ],
      }),
    ).toThrow(/member 1/);
  });
});
