import { createPollLoop } from '../../../platform/jobs/poll-loop.ts';
import type { Logger } from '../../../platform/logger.ts';

/**
 * The daily check of the effective dates, run wherever the job worker runs: every `intervalMs`
 * (default 10 minutes) it carries out what is due; several processes may run it (SKIP LOCKED).
 */
export function createAenderungenCheck({
  vollziehen,
  logger,
  intervalMs = 10 * 60_000,
}: {
  vollziehen: () => Promise<unknown[]>;
  logger: Logger;
  intervalMs?: number;
}) {
  const loop = createPollLoop({
    poll: async () => {
      const done = await vollziehen();
      if (done.length > 0) logger.info({ done }, 'amendments of the Zweckvereinbarung took effect');
      // Never loop at once: one round carries out everything due.
      return 0;
    },
    idleMs: intervalMs,
    backoffMs: (failures) => Math.min(intervalMs, 1000 * 2 ** failures),
    onError: (error) => logger.error({ err: error }, 'amendment check failed'),
  });
  return { start: () => loop.start(), stop: () => loop.stop() };
}
