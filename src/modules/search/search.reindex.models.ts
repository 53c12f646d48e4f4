// The background reindex after an analyzer change: its job, its progress and how a person reads it.

export const REINDEX_JOB = 'search.reindex';

/** Documents per batch: one short transaction each (≈ 0.1–0.3 s), so search and filing go on. */
export const REINDEX_BATCH = 400;

/** Passes over the county before a run gives up on documents that stayed locked or outdated. */
export const REINDEX_MAX_PASSES = 3;

export type ReindexMode = 'veraltet' | 'alle';
export type ReindexState = 'laeuft' | 'fertig' | 'abgebrochen';

/** The stored row of a county's last run (search_reindex). */
export type ReindexRun = {
  analyzerVersion: number;
  mode: ReindexMode;
  status: ReindexState;
  total: number;
  planned: number;
  done: number;
  passes: number;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  lastError: string | null;
};

/** What the admin page, the CLI and the health check show of a county's search index. */
export type ReindexProgress = {
  analyzerVersion: number;
  /** 'keiner': never reindexed (and nothing outdated, or not yet started). */
  status: ReindexState | 'keiner';
  mode: ReindexMode | null;
  /** Documents still indexed with an older analyzer (while running: the run's estimate). */
  outdated: number;
  planned: number;
  done: number;
  percent: number;
  /** Documents per second since the run started; null before the first batch. */
  ratePerSecond: number | null;
  etaSeconds: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  lastError: string | null;
};

/** Progress of a run at `now`: percent, rate since its start, and the time left at that rate. */
export function reindexProgress({
  run,
  outdated,
  analyzerVersion,
  now = new Date(),
}: {
  run: ReindexRun | null;
  outdated: number;
  analyzerVersion: number;
  now?: Date;
}): ReindexProgress {
  if (!run)
    return {
      analyzerVersion,
      status: 'keiner',
      mode: null,
      outdated,
      planned: 0,
      done: 0,
      percent: outdated > 0 ? 0 : 100,
      ratePerSecond: null,
      etaSeconds: null,
      startedAt: null,
      finishedAt: null,
      lastError: null,
    };
  // A later pass may re-index documents the first one skipped (locked at the time).
  const planned = Math.max(run.planned, run.done);
  const percent = planned === 0 ? 100 : Math.floor((run.done / planned) * 100);
  const end = run.finishedAt ?? (run.status === 'laeuft' ? now : run.updatedAt);
  const seconds = (end.getTime() - run.startedAt.getTime()) / 1000;
  const ratePerSecond = run.done > 0 && seconds > 0 ? run.done / seconds : null;
  const left = Math.max(planned - run.done, 0);
  return {
    analyzerVersion,
    status: run.status,
    mode: run.mode,
    outdated,
    planned,
    done: run.done,
    percent: run.status === 'fertig' ? 100 : Math.min(percent, 99),
    ratePerSecond: ratePerSecond === null ? null : Math.round(ratePerSecond * 10) / 10,
    etaSeconds:
      run.status === 'laeuft' && ratePerSecond
        ? Math.ceil(left / ratePerSecond)
        : run.status === 'laeuft'
          ? null
          : 0,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    lastError: run.lastError,
  };
}

const number = (n: number) => n.toLocaleString('de-DE');
const dokumente = (n: number) => `${number(n)} ${n === 1 ? 'Dokument' : 'Dokumente'}`;

/** "noch ca. 4 min" – minutes up to 90, then hours and minutes. */
export function etaDe(seconds: number | null) {
  if (seconds === null) return 'Restzeit wird ermittelt';
  if (seconds < 60) return 'noch weniger als 1 min';
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `noch ca. ${minutes} min`;
  return `noch ca. ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** One German line for people: the admin page and the CLI say the same. */
export function reindexLineDe(p: ReindexProgress) {
  if (p.status === 'laeuft')
    return `Suchindex: ${number(p.done)} von ${number(p.planned)} Dokumenten neu indexiert (${p.percent} %), ${etaDe(p.etaSeconds)}`;
  if (p.status === 'abgebrochen')
    return `Suchindex: Neuindexierung abgebrochen nach ${number(p.done)} von ${number(p.planned)} Dokumenten${p.lastError ? ` – ${p.lastError}` : ''}; ${dokumente(p.outdated)} noch mit älterem Analyseverfahren`;
  if (p.outdated > 0)
    return `Suchindex: ${dokumente(p.outdated)} noch mit älterem Analyseverfahren indexiert (Neuindexierung nicht gestartet)`;
  const last =
    p.status === 'fertig' && p.finishedAt
      ? `; zuletzt ${dokumente(p.done)} neu indexiert${p.ratePerSecond ? ` (${number(Math.round(p.ratePerSecond))} Dokumente/s)` : ''}`
      : '';
  return `Suchindex aktuell (Analyseverfahren Version ${p.analyzerVersion})${last}`;
}
