/**
 * Runs the queued jobs (extraction, mails, PDFs …) in this process until none is left, at most
 * `rounds` claims of a batch: what the worker process does in production, done at once in a test.
 */
export async function drainJobs(
  t: { services: { createWorker: () => { runOnce: () => Promise<number> } } },
  { rounds = 50 }: { rounds?: number } = {},
) {
  const worker = t.services.createWorker();
  for (let i = 0; i < rounds; i++) if ((await worker.runOnce()) === 0) return;
}
