import { describe, expect, it } from 'vitest';
import {
  type AenderungStand,
  aenderungStatus,
  type Beteiligung,
  fassungIn,
  fassungsVermerk,
  kostenschluesselFehler,
  wirksamAb,
  wortlautHash,
} from './aenderungen.models.ts';

const hash = wortlautHash('§ 1 Beteiligte …');
const stand = (over: Partial<AenderungStand> = {}): AenderungStand => ({
  wortlautSha256: hash,
  genehmigungspflichtig: true,
  genehmigtAm: null,
  bekanntgemachtAm: null,
  benanntesWirksamkeitsdatum: null,
  vollzogen: false,
  gescheitert: false,
  ...over,
});
const resolved = (am: string, signed: string | null = null, fassung = hash): Beteiligung => ({
  status: 'beschlossen',
  beschlosseneFassung: fassung,
  beschlossenAm: am,
  unterzeichnetAm: signed,
});
const open: Beteiligung = {
  status: 'offen',
  beschlosseneFassung: null,
  beschlossenAm: null,
  unterzeichnetAm: null,
};

describe('the effective day of an amendment (§ 12 ThürKGG)', () => {
  const all = [resolved('2020-06-17'), resolved('2020-06-24')];
  it('is the day after the Bekanntmachung, also across a month’s end', () => {
    expect(wirksamAb(stand({ genehmigtAm: '2020-08-10', bekanntgemachtAm: '2020-08-31' }), all)).toBe(
      '2020-09-01',
    );
  });
  it('is the day the amendment names instead', () => {
    const s = stand({
      genehmigtAm: '2020-08-10',
      bekanntgemachtAm: '2020-08-31',
      benanntesWirksamkeitsdatum: '2021-01-01',
    });
    expect(wirksamAb(s, all)).toBe('2021-01-01');
  });
  it('is unknown before Genehmigung and Bekanntmachung, or while a Kreistag has not resolved', () => {
    expect(wirksamAb(stand({ genehmigtAm: '2020-08-10' }), all)).toBeNull();
    expect(
      wirksamAb(stand({ genehmigtAm: '2020-08-10', bekanntgemachtAm: '2020-08-31' }), [...all, open]),
    ).toBeNull();
  });
  it('without a Genehmigung requirement is the day the last party resolved or signed', () => {
    const s = stand({ genehmigungspflichtig: false });
    expect(wirksamAb(s, [resolved('2020-06-17', '2020-07-02'), resolved('2020-06-24', null)])).toBeNull();
    expect(wirksamAb(s, [resolved('2020-06-17', '2020-07-02'), resolved('2020-06-24', '2020-06-30')])).toBe(
      '2020-07-02',
    );
  });
});

describe('the state of an amendment', () => {
  it('is blocked when a Kreistag resolved another text version, failed when one rejected', () => {
    expect(aenderungStatus(stand(), [resolved('2020-06-17'), open])).toBe('in_beratung');
    expect(aenderungStatus(stand(), [resolved('2020-06-17', null, wortlautHash('anders')), open])).toBe(
      'blockiert',
    );
    expect(
      aenderungStatus(stand(), [
        resolved('2020-06-17'),
        { ...open, status: 'abgelehnt', beschlossenAm: '2020-06-20' },
      ]),
    ).toBe('gescheitert');
    expect(aenderungStatus(stand({ gescheitert: true }), [resolved('2020-06-17')])).toBe('gescheitert');
  });
  it('goes beschlossen → genehmigt → bekanntgemacht', () => {
    const all = [resolved('2020-06-17')];
    expect(aenderungStatus(stand(), all)).toBe('beschlossen');
    expect(aenderungStatus(stand({ genehmigtAm: '2020-08-10' }), all)).toBe('genehmigt');
    expect(aenderungStatus(stand({ genehmigtAm: '2020-08-10', bekanntgemachtAm: '2020-08-31' }), all)).toBe(
      'bekanntgemacht',
    );
  });
});

describe('the version named in a Beschlussvorschlag', () => {
  it('is read back from the text the process writes, and absent otherwise', () => {
    expect(fassungIn(`Zustimmung (${fassungsVermerk(hash)}).`)).toBe(hash);
    expect(fassungIn('Der Kreistag möge beschließen: …')).toBeNull();
  });
  it('hashes UTF-8 text with umlauts like sha256sum', () => {
    // printf 'Änderung' | sha256sum
    expect(wortlautHash('Änderung')).toBe('57f0a84b822aa6ec9107fb73b02e6b73b35112aade9babd3d6ae4b66a17c8f6e');
  });
});

describe('a cost key', () => {
  it('must name counties whose shares add up to 100 %', () => {
    expect(kostenschluesselFehler({ a: 25, b: 25, c: 25, d: 25 })).toBeNull();
    expect(kostenschluesselFehler({ a: 33.33, b: 33.33, c: 33.34 })).toBeNull();
    expect(kostenschluesselFehler({ a: 60 })).toBe(
      'Die Anteile des Kostenschlüssels ergeben 60 % statt 100 %.',
    );
    expect(kostenschluesselFehler({})).toBe('Der Kostenschlüssel nennt keinen Landkreis.');
  });
});
