import { describe, expect, it } from 'vitest';
import { createClassifierCache } from './ablagevorschlag.cache.ts';
import { compileClassifier, type ModelRows, rank } from './ablagevorschlag.classifier.ts';
import { deltasOf } from './ablagevorschlag.learning.ts';
import { featuresOf, TITEL_PREFIX } from './ablagevorschlag.models.ts';

const rows = (terms: Array<[klasse: string, term: string, anzahl: number]>): ModelRows => ({
  classes: ['bau', 'sozial'].map((klasse) => ({
    merkmal: 'einheit' as const,
    klasse,
    dokumente: 10,
    terme: terms.filter((t) => t[0] === klasse).reduce((s, t) => s + t[2], 0),
  })),
  terms: terms.map(([klasse, term, anzahl]) => ({ merkmal: 'einheit' as const, klasse, term, anzahl })),
  vocabulary: new Set(terms.map((t) => t[1])).size,
});

describe('the filing classifier', () => {
  it('ranks the class whose documents share the features first, with probabilities summing to one', () => {
    const classifier = compileClassifier(
      rows([
        ['bau', 'baugenehmigung', 9],
        ['sozial', 'wohngeld', 9],
        ['bau', 'antrag', 5],
        ['sozial', 'antrag', 5],
      ]),
    );
    const ranked = rank({
      classifier,
      merkmal: 'einheit',
      features: featuresOf({ text: 'Antrag auf Baugenehmigung' }),
    });
    expect(ranked[0]!.klasse).toBe('bau');
    expect(ranked.reduce((s, r) => s + r.konfidenz, 0)).toBeCloseTo(1, 6);
  });

  it('ranks a learned document as if it were new when it is taken out: it does not pull itself to where it lies', () => {
    const vorgang = (klasse: string, dokumente: number, terms: Array<[string, number]>) => ({
      klasse: { merkmal: 'vorgang' as const, klasse, dokumente, terme: terms.reduce((s, t) => s + t[1], 0) },
      terms: terms.map(([term, anzahl]) => ({ merkmal: 'vorgang' as const, klasse, term, anzahl })),
    });
    // "post" holds the misfiled letter (its Zeichen counted once) and two others; "bau" is the case.
    const post = vorgang('post', 3, [
      ['r:07.10-0042/2026', 5],
      ['rechnung', 2],
      ['statik', 1],
    ]);
    const bau = vorgang('bau', 1, [['r:07.10-0042/2026', 5]]);
    const classifier = compileClassifier({
      classes: [post.klasse, bau.klasse],
      terms: [...post.terms, ...bau.terms],
      vocabulary: 3,
    });
    const features = ['r:07.10-0042/2026', 'statik'];
    expect(rank({ classifier, merkmal: 'vorgang', features })[0]!.klasse).toBe('post');
    const ohne = { klasse: 'post', terme: features };
    const ranked = rank({ classifier, merkmal: 'vorgang', features, ohne });
    expect(ranked[0]!.klasse).toBe('bau');
    expect(ranked.reduce((s, r) => s + r.konfidenz, 0)).toBeCloseTo(1, 6);
    // The only document of the only class taken out: nothing left to rank.
    const alone = compileClassifier({ classes: [bau.klasse], terms: bau.terms, vocabulary: 1 });
    expect(
      rank({ classifier: alone, merkmal: 'vorgang', features, ohne: { klasse: 'bau', terme: features } }),
    ).toEqual([]);
  });

  it('gives a word every class uses alike no weight, so it cannot tip the ranking', () => {
    const classifier = compileClassifier(
      rows([
        ['bau', 'antrag', 5],
        ['sozial', 'antrag', 5],
        ['bau', 'baugenehmigung', 9],
        ['sozial', 'wohngeld', 9],
      ]),
    );
    const weight = (term: string) => classifier.merkmale.einheit.postings.get(term)!.weight;
    expect(weight('antrag')).toBeCloseTo(0, 6);
    expect(weight('wohngeld')).toBeGreaterThan(0.1);
    // Only a word nobody tells apart: no ranking at all rather than a coin toss.
    expect(rank({ classifier, merkmal: 'einheit', features: ['antrag'] })).toEqual([]);
  });

  it('counts the title and the Betreff line as features of their own', () => {
    const features = featuresOf({
      titel: 'Antrag auf Wohngeld',
      text: 'Sehr geehrte Damen\nBetreff: Baugenehmigung\n',
    });
    expect(features).toContain(`${TITEL_PREFIX}wohngeld`);
    expect(features).toContain(`${TITEL_PREFIX}baugenehmigung`);
    expect(features).toContain('baugenehmigung');
  });
});

describe('references as features', () => {
  it('suggests the Vorgang whose letters cite the Aktenzeichen a new letter cites, though its words fit both', () => {
    const doc = (vorgang: string, name: string, az: string, i: number) => ({
      c: {
        dokument_id: `${vorgang}-${i}`,
        einheit: 'bau',
        akte: 'einfamilienhaus',
        vorgang,
        art: 'eingang',
        terme: featuresOf({
          titel: `Baugenehmigung für Einfamilienhaus – ${name}`,
          text: `Betreff: Baugenehmigung für Einfamilienhaus (Az. ${az})\nSehr geehrte Damen und Herren, anbei die Unterlagen zum Bauantrag.`,
        }),
      },
      sign: 1 as const,
    });
    const { terms, classes } = deltasOf([
      doc('a', 'Müller', '07.10-0042/2024', 1),
      doc('a', 'Müller', '07.10-0042/2024', 2),
      doc('b', 'Schmidt', '07.10-0077/2024', 1),
      doc('b', 'Schmidt', '07.10-0077/2024', 2),
    ]);
    const classifier = compileClassifier({
      terms,
      classes,
      vocabulary: new Set(terms.map((t) => t.term)).size,
    });
    const letter = (az: string) =>
      rank({
        classifier,
        merkmal: 'vorgang',
        features: featuresOf({
          titel: 'Nachreichung von Unterlagen',
          text: `Ihr Zeichen: ${az}\nSehr geehrte Damen und Herren, anbei die fehlenden Unterlagen zum Bauantrag.`,
        }),
      });
    expect(letter('07.10-0077/2024')[0]).toMatchObject({ klasse: 'b' });
    expect(letter('07.10-0042/2024')[0]).toMatchObject({ klasse: 'a' });
    expect(letter('07.10-0077/2024')[0]!.konfidenz).toBeGreaterThan(0.5);
  });
});

describe('the classifiers held in memory', () => {
  const classifierOf = (tenant: string) =>
    compileClassifier(rows([[tenant === 'nordhausen' ? 'bau' : 'sozial', 'wort', 1]]));

  it('hand each county only the classifier loaded for it, and drop the least recently used county', async () => {
    const loads: string[] = [];
    const cache = createClassifierCache({
      maxTenants: 2,
      version: async (tenant) => (tenant === 'leer' ? null : 1),
      load: async (tenant) => {
        loads.push(tenant);
        return { version: 1, classifier: classifierOf(tenant) };
      },
    });
    const nord = await cache.get('nordhausen');
    const wart = await cache.get('wartburgkreis');
    expect(nord).not.toBe(wart);
    expect(nord!.merkmale.einheit.classes).toEqual(['bau', 'sozial']);
    expect(await cache.get('nordhausen')).toBe(nord);
    expect(await cache.get('leer')).toBeNull();
    await cache.get('kyffhaeuserkreis');
    expect(cache.tenants()).toEqual(['nordhausen', 'kyffhaeuserkreis']);
    expect(loads).toEqual(['nordhausen', 'wartburgkreis', 'kyffhaeuserkreis']);
  });

  it('answers from a stale classifier while the new version loads, then from the new one', async () => {
    let current = 1;
    const cache = createClassifierCache({
      version: async () => current,
      load: async () => ({ version: current, classifier: classifierOf('nordhausen') }),
    });
    const first = await cache.get('nordhausen');
    current = 2;
    expect(await cache.get('nordhausen')).toBe(first);
    await cache.settled();
    expect(await cache.get('nordhausen')).not.toBe(first);
  });
});
