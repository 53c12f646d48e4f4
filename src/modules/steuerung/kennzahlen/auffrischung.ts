import { createPollLoop } from '../../../platform/jobs/poll-loop.ts';
import type { Logger } from '../../../platform/logger.ts';
import { AUFFRISCHEN_ALLE_MS, type KennzahlenUsecases } from './kennzahlen.usecases.ts';

/**
 * Keeps the Steuerung aggregates fresh, run wherever the job worker runs: at start and then every
 * `intervalMs` (default 5 minutes). Several processes may run it: a refresh newer than the interval
 * less a minute is not repeated, and the database serialises refreshes (advisory lock).
 */
export function createSteuerungAuffrischung({
  kennzahlen,
  logger,
  intervalMs = AUFFRISCHEN_ALLE_MS,
}: {
  kennzahlen: Pick<KennzahlenUsecases, 'auffrischen'>;
  logger: Logger;
  intervalMs?: number;
}) {
  const loop = createPollLoop({
    poll: async () => {
      const r = await kennzahlen.auffrischen({ nichtVorMs: Math.max(0, intervalMs - 60_000) });
      if (r) logger.info(r, 'steuerung aggregates refreshed');
      return 0;
    },
    idleMs: intervalMs,
    backoffMs: (failures) => Math.min(intervalMs, 1000 * 2 ** failures),
    onError: (error) => logger.error({ err: error }, 'steuerung aggregate refresh failed'),
  });
  return { start: () => loop.start(), stop: () => loop.stop() };
}
