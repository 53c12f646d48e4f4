/**
 * A task module for the tests of bounded-pool.ts (loaded by a parser process like the real ones):
 * busy for a while, busy for ever, filling its heap, or filling memory outside the heap.
 */
export async function fixtureTask(input: {
  busyMs?: number;
  forever?: boolean;
  heap?: boolean;
  buffers?: boolean;
}): Promise<{ startedAt: number; finishedAt: number }> {
  const startedAt = Date.now();
  // One array pushed to without end: the allocation shape that takes a whole process down when
  // only a worker thread's resourceLimits stand against it.
  const numbers: number[] = [];
  while (input.heap) numbers.push(Math.random());
  const buffers: Buffer[] = [];
  while (input.buffers) {
    buffers.push(Buffer.alloc(32 * 1024 * 1024, 1));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const end = input.forever ? Number.POSITIVE_INFINITY : startedAt + (input.busyMs ?? 0);
  while (Date.now() < end);
  return { startedAt, finishedAt: Date.now() };
}
