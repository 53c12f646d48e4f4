import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { TestContext } from './context.ts';

const MIB = 1024 * 1024;

/**
 * Runs `work` while /health of the in-process app is requested every 20 ms, not waiting for the
 * probe before; each is timed from when it was due, so a blocked event loop (which delays the send
 * as well) shows in full. The event loop delay and this process's resident memory (sampled every
 * 25 ms, when `sample` runs as well: e.g. the parser processes' memory) are watched beside it.
 */
export async function probeHealthDuring<T>({
  app,
  work,
  sample,
}: {
  app: TestContext['app'];
  work: () => Promise<T>;
  sample?: () => void;
}) {
  const latencies: number[] = [];
  const statuses = new Set<number>();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    sample?.();
  }, 25);
  let running = true;
  const start = performance.now();
  const probes: Promise<void>[] = [];
  const prober = (async () => {
    for (let i = 0; running; i++) {
      const due = start + i * 20;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      probes.push(
        (async () => {
          const response = await app.request('/health');
          await response.text();
          statuses.add(response.status);
          latencies.push(performance.now() - due);
        })(),
      );
    }
  })();
  const result = await work();
  const ms = performance.now() - start;
  running = false;
  await prober;
  await Promise.all(probes);
  clearInterval(sampler);
  loop.disable();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    result,
    ms,
    /** /health latency p99 in ms. */
    p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!,
    probes: latencies.length,
    statuses,
    loopP99Ms: loop.percentile(99) / 1e6,
    loopMaxMs: loop.max / 1e6,
    rssGrowthMb: (peakRss - before.rss) / MIB,
    peakRssMb: peakRss / MIB,
    heapGrowthMb: (process.memoryUsage().heapUsed - before.heapUsed) / MIB,
  };
}
