import { afterAll, describe, expect, it } from 'vitest';
import { failure } from '../../../test/support/failure.ts';
import { createBoundedPool, ParserBreach } from './bounded-pool.ts';

// The bounded parser processes themselves, with a task module of their own (bounded-pool.fixture.ts);
// the hostile files through the real parsers are tested with the extraction (ingest/hostile.test.ts).
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers) await close();
});
const fixturePool = (options: { size: number; timeoutMs: number; heapMb?: number }) => {
  const pool = createBoundedPool({
    module: new URL('./bounded-pool.fixture.ts', import.meta.url),
    task: 'fixtureTask',
    heapMb: 64,
    ...options,
  });
  closers.push(pool.close);
  return pool;
};
type Fixture = { startedAt: number; finishedAt: number };
const task = (input: { busyMs?: number; forever?: boolean; heap?: boolean; buffers?: boolean }) => async () =>
  input;

describe('bounded parser processes', () => {
  it('starts the clock of a task when a parser takes it, not while it waits in the queue', async () => {
    // One parser, three tasks of 0.8 s each and a limit of 1.5 s: the third waits 1.6 s, yet passes.
    const pool = fixturePool({ size: 1, timeoutMs: 1_500 });
    const runs = await Promise.all([1, 2, 3].map(() => pool.run<Fixture>(task({ busyMs: 800 }))));
    expect(runs[2]!.startedAt).toBeGreaterThanOrEqual(runs[0]!.finishedAt);
    expect(runs[2]!.finishedAt - runs[0]!.startedAt).toBeGreaterThan(1_500);
    expect(pool.stats().replaced).toBe(0);
  });

  it('kills a parser over its time, its heap or its memory, replaces it, and serves the next task', async () => {
    const pool = fixturePool({ size: 1, timeoutMs: 1_000, heapMb: 64 });
    const stuck = pool.run<Fixture>(task({ forever: true }));
    const behind = pool.run<Fixture>(task({ busyMs: 300 }));
    const timedOut = await failure(stuck);
    expect(timedOut).toBeInstanceOf(ParserBreach);
    expect((timedOut as ParserBreach).kind).toBe('time');
    // Queued behind the stuck task, it gets a fresh process and its own full second.
    const next = await behind;
    expect(next.finishedAt - next.startedAt).toBeGreaterThanOrEqual(300);

    // V8 aborts a process over its heap: only the parser, never the web process (this one).
    const roomy = fixturePool({ size: 1, timeoutMs: 30_000, heapMb: 64 });
    const heap = await failure(roomy.run<Fixture>(task({ heap: true })));
    expect(heap).toMatchObject({ kind: 'heap' });
    // Buffers live outside the V8 heap; the resident memory is watched as well (2 × 64 + 256 MiB).
    const buffers = await failure(roomy.run<Fixture>(task({ buffers: true })));
    expect(buffers).toMatchObject({ kind: 'heap', message: expect.stringMatching(/resident/) });

    await expect(roomy.run<Fixture>(task({ busyMs: 10 }))).resolves.toMatchObject({
      startedAt: expect.any(Number),
    });
    expect(pool.stats()).toMatchObject({ replaced: 1, processes: 1, queued: 0 });
    expect(roomy.stats()).toMatchObject({ replaced: 2, processes: 1, queued: 0 });
  });
});
