import { describe, expect, it } from 'vitest';
import { currentWahlperiode } from './gremium.usecases.ts';
import { etagOf, notModified } from './ratsinfo.caching.ts';
import { createFeedCache } from './ratsinfo.ical.ts';
import { agendaNumbers, monatDe, monatOf, parseMonat } from './ratsinfo.models.ts';

describe('rules of the public council pages', () => {
  it('numbers the public and the non-public part separately, in agenda order', () => {
    expect(agendaNumbers([true, true, false, true, false].map((oeffentlich) => ({ oeffentlich })))).toEqual([
      'Ö 1',
      'Ö 2',
      'N 1',
      'Ö 3',
      'N 2',
    ]);
  });

  it('reads months as YYYY-MM and names them in German, in Berlin time', () => {
    expect(parseMonat('2020-06')).toEqual({ jahr: 2020, monat: 6 });
    for (const bad of ['2020-13', '2020-6', '1989-12', 'Juni']) expect(parseMonat(bad), bad).toBeNull();
    expect(monatDe('2020-03')).toBe('März 2020');
    expect(monatOf(new Date('2020-06-30T22:30:00Z'))).toBe('2020-07'); // 00:30 in Berlin
  });

  it('shows the term running today, else the newest', () => {
    const perioden = [
      { id: 'b', name: '2024–2029', beginn: '2024-06-01', ende: null },
      { id: 'a', name: '2019–2024', beginn: '2019-06-01', ende: '2024-05-31' },
    ];
    expect(currentWahlperiode(perioden, '2020-01-01')?.id).toBe('a');
    expect(currentWahlperiode(perioden, '2025-01-01')?.id).toBe('b');
    expect(currentWahlperiode(perioden, '2010-01-01')?.id).toBe('b');
  });

  it('answers a current copy by ETag first and by date only without one', () => {
    const etag = etagOf('<p>Seite</p>');
    const lastModified = new Date('2020-06-24T15:00:00Z');
    expect(notModified({ ifNoneMatch: `W/${etag}, "alt"` }, { etag, lastModified })).toBe(true);
    expect(
      notModified(
        { ifNoneMatch: '"alt"', ifModifiedSince: lastModified.toUTCString() },
        { etag, lastModified },
      ),
    ).toBe(false);
    expect(notModified({ ifModifiedSince: lastModified.toUTCString() }, { etag, lastModified })).toBe(true);
    expect(notModified({ ifModifiedSince: 'gestern' }, { etag, lastModified })).toBe(false);
    expect(notModified({ ifModifiedSince: 'Wed, 24 Jun 2020 14:59:59 GMT' }, { etag, lastModified })).toBe(
      false,
    );
  });

  it('builds a feed again only for a new key and keeps the most recently used feeds', () => {
    const cache = createFeedCache(2);
    let builds = 0;
    const build = (body: string) => () => {
      builds++;
      return body;
    };
    expect(cache('a', build('A'))).toBe('A');
    expect(cache('a', build('A2'))).toBe('A');
    cache('b', build('B'));
    cache('a', build('A3')); // a is used again: b is now the oldest
    cache('c', build('C'));
    expect(cache('a', build('A4'))).toBe('A');
    expect(cache('b', build('B2'))).toBe('B2');
    expect(builds).toBe(4);
  });
});
