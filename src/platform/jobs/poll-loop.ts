/**
 * The loop of a polling worker (jobs, outbox deliveries): run `poll` again at once while it finds
 * work, wait `idleMs` when it found none, and back off after failures (the database is away) by
 * `backoffMs(failures)`. `stop()` wakes a waiting loop and resolves when the round in progress
 * has ended.
 */
export function createPollLoop({
  poll,
  idleMs,
  backoffMs,
  onError,
  prelude,
}: {
  /** One round; returns how much work it found (0: wait before the next). */
  poll: () => Promise<number>;
  idleMs: number;
  /** The pause after `failures` failed rounds in a row (failures ≥ 1). */
  backoffMs: (failures: number) => number;
  /** A failed round (logged by the caller); the loop goes on. */
  onError: (error: unknown) => void;
  /** Runs once when the loop starts, before the first round. */
  prelude?: () => Promise<unknown>;
}) {
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  return {
    get running() {
      return running;
    },
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        await prelude?.();
        let failures = 0;
        while (running) {
          let found = 0;
          try {
            found = await poll();
            failures = 0;
          } catch (error) {
            onError(error);
            failures += 1;
          }
          if (found === 0 && running)
            await new Promise<void>((resolve) => {
              // The timer is cleared on wake: a pending long pause (the amendment check waits 10 minutes)
              // would otherwise keep a stopped process alive until it fires.
              const timer = setTimeout(resolve, failures > 0 ? backoffMs(failures) : idleMs);
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
        }
      })();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}

export type PollLoop = ReturnType<typeof createPollLoop>;

/** Doubling pauses from `firstMs` up to `maxMs` (default 5 s): firstMs, 2·firstMs, 4·firstMs, … */
export const doublingBackoff =
  ({ firstMs, maxMs = 5_000 }: { firstMs: number; maxMs?: number }) =>
  (failures: number) =>
    Math.min(maxMs, firstMs * 2 ** (failures - 1));
