import { describe, expect, it } from 'vitest';
import { etaDe, type ReindexRun, reindexLineDe, reindexProgress } from './search.reindex.models.ts';

const run = (over: Partial<ReindexRun> = {}): ReindexRun => ({
  analyzerVersion: 1,
  mode: 'veraltet',
  status: 'laeuft',
  total: 1_000_000,
  planned: 1_000_000,
  done: 812_000,
  passes: 1,
  startedAt: new Date('2026-12-05T20:00:00Z'),
  updatedAt: new Date('2026-12-05T20:17:00Z'),
  finishedAt: null,
  lastError: null,
  ...over,
});

describe('reindex progress', () => {
  it('a run at 812,000 of 1,000,000 after 1,000 s reads "81 %, noch ca. 4 min" at 812 documents/s', () => {
    const p = reindexProgress({
      run: run(),
      outdated: 188_000,
      analyzerVersion: 1,
      now: new Date('2026-12-05T20:16:40Z'),
    });
    expect(p).toMatchObject({ status: 'laeuft', percent: 81, ratePerSecond: 812, etaSeconds: 232 });
    expect(reindexLineDe(p)).toBe(
      'Suchindex: 812.000 von 1.000.000 Dokumenten neu indexiert (81 %), noch ca. 4 min',
    );
  });

  it('a running run never shows 100 % and a finished one always does', () => {
    const now = new Date('2026-12-05T20:16:40Z');
    expect(
      reindexProgress({ run: run({ done: 999_999 }), outdated: 1, analyzerVersion: 1, now }).percent,
    ).toBe(99);
    const done = reindexProgress({
      run: run({ status: 'fertig', done: 1_000_000, finishedAt: new Date('2026-12-05T20:20:00Z') }),
      outdated: 0,
      analyzerVersion: 1,
      now,
    });
    expect(done).toMatchObject({ percent: 100, etaSeconds: 0, ratePerSecond: 833.3 });
    expect(reindexLineDe(done)).toBe(
      'Suchindex aktuell (Analyseverfahren Version 1); zuletzt 1.000.000 Dokumente neu indexiert (833 Dokumente/s)',
    );
  });

  it('before the first batch the time left is still unknown', () => {
    const p = reindexProgress({ run: run({ done: 0 }), outdated: 1_000_000, analyzerVersion: 1 });
    expect(p.ratePerSecond).toBeNull();
    expect(reindexLineDe(p)).toBe(
      'Suchindex: 0 von 1.000.000 Dokumenten neu indexiert (0 %), Restzeit wird ermittelt',
    );
  });

  it('outdated documents without a run, and a run given up, are said as such', () => {
    expect(reindexLineDe(reindexProgress({ run: null, outdated: 1, analyzerVersion: 1 }))).toBe(
      'Suchindex: 1 Dokument noch mit älterem Analyseverfahren indexiert (Neuindexierung nicht gestartet)',
    );
    const given = reindexProgress({
      run: run({ status: 'abgebrochen', lastError: 'Verarbeitung nach 8 Fehlversuchen aufgegeben' }),
      outdated: 188_000,
      analyzerVersion: 1,
    });
    expect(reindexLineDe(given)).toBe(
      'Suchindex: Neuindexierung abgebrochen nach 812.000 von 1.000.000 Dokumenten – Verarbeitung nach 8 Fehlversuchen aufgegeben; 188.000 Dokumente noch mit älterem Analyseverfahren',
    );
  });

  it('the time left is said in minutes, and in hours beyond 90 minutes', () => {
    expect(etaDe(30)).toBe('noch weniger als 1 min');
    expect(etaDe(240)).toBe('noch ca. 4 min');
    expect(etaDe(3 * 3600 + 20 * 60)).toBe('noch ca. 3 h 20 min');
  });
});
