import type { Logger } from '../../../platform/logger.ts';
import type { AblagevorschlagUsecases } from './ablagevorschlag.usecases.ts';

/** Retrains every county's model in the background (the worker): what was filed since the last pass. */
export function createAblageLerner({
  usecases,
  tenants,
  logger,
  everyMs = 30_000,
}: {
  usecases: AblagevorschlagUsecases;
  tenants: () => Promise<string[]>;
  logger: Logger;
  everyMs?: number;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const pass = async () => {
    for (const tenantId of await tenants()) await usecases.learn(tenantId);
  };
  return {
    start() {
      const tick = () => {
        running = pass()
          .catch((error) => logger.warn({ err: error }, 'filing suggestions: learning failed'))
          .finally(() => {
            if (timer !== undefined) timer = setTimeout(tick, everyMs);
          });
      };
      timer = setTimeout(tick, 1000);
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
