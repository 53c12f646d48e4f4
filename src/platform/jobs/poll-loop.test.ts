import { describe, expect, it } from 'vitest';
import { createPollLoop, doublingBackoff } from './poll-loop.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the poll loop of the workers', () => {
  it('polls again at once while there is work and waits idleMs when there is none', async () => {
    const rounds: number[] = [];
    let work = 3;
    const loop = createPollLoop({
      poll: async () => {
        rounds.push(Date.now());
        return work > 0 ? work-- : 0;
      },
      idleMs: 300,
      backoffMs: () => 10_000,
      onError: () => {},
    });
    loop.start();
    await sleep(100);
    // Three rounds with work and the fourth finding none, then waiting.
    expect(rounds).toHaveLength(4);
    await sleep(400);
    expect(rounds.length).toBeGreaterThanOrEqual(5);
    expect(rounds[4]! - rounds[3]!).toBeGreaterThanOrEqual(290);
    await loop.stop();
  });

  it('backs off after failures, resets after a good round, and stop() ends a waiting loop at once', async () => {
    const pauses: number[] = [];
    let calls = 0;
    const errors: unknown[] = [];
    const loop = createPollLoop({
      poll: async () => {
        calls += 1;
        if (calls <= 2) throw new Error(`down ${calls}`);
        return 0;
      },
      idleMs: 60_000,
      backoffMs: (failures) => {
        pauses.push(failures);
        return 1;
      },
      onError: (error) => errors.push(error),
    });
    loop.start();
    await sleep(50);
    expect(errors.map((e) => (e as Error).message)).toEqual(['down 1', 'down 2']);
    expect(pauses).toEqual([1, 2]);
    expect(calls).toBe(3);
    const started = Date.now();
    await loop.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(loop.running).toBe(false);
  });

  it('runs the prelude once before the first round, and start() twice starts one loop', async () => {
    const order: string[] = [];
    const loop = createPollLoop({
      prelude: async () => {
        order.push('prelude');
      },
      poll: async () => {
        order.push('poll');
        return 0;
      },
      idleMs: 60_000,
      backoffMs: () => 1,
      onError: () => {},
    });
    loop.start();
    loop.start();
    await sleep(20);
    await loop.stop();
    expect(order).toEqual(['prelude', 'poll']);
  });

  it('a stopped loop leaves no timer behind, so a stopped process can exit', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const loop = createPollLoop({
      poll: async () => 0,
      idleMs: 600_000,
      backoffMs: () => 1,
      onError: () => {},
    });
    loop.start();
    await sleep(20);
    expect(timers()).toBe(before + 1);
    await loop.stop();
    expect(timers()).toBe(before);
  });

  it('doubles the pause from the first one up to the maximum', () => {
    const jobs = doublingBackoff({ firstMs: 500 });
    expect([1, 2, 3, 4, 5, 6].map(jobs)).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });
});
