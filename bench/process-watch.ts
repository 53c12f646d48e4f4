import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { childProcesses, rssBytes } from '../test/support/verbund-process.ts';
import { percentile } from './support.ts';

/**
 * Watches a running `verbund start` from outside, as an operator's monitoring would: `/health`
 * requested every 20 ms over HTTP (each timed from its send, so the load of this process does not
 * count against the server), and every 100 ms the resident memory of the server process and,
 * summed separately, of its parser processes (its children running bounded-child.mjs; the
 * postmaster, also a child, is left out). Linux only (/proc).
 */
export function watchServer({ url, pid }: { url: string; pid: number }) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const startedAt = performance.now();
  const before = rssBytes(pid);
  let peak = before;
  let parsersPeak = 0;
  const parserPids = new Set<number>();
  const sample = () => {
    peak = Math.max(peak, rssBytes(pid));
    const parsers = childProcesses(pid).filter((child) => child.command.includes('bounded-child'));
    for (const parser of parsers) parserPids.add(parser.pid);
    parsersPeak = Math.max(
      parsersPeak,
      parsers.reduce((sum, parser) => sum + rssBytes(parser.pid), 0),
    );
  };
  const sampler = setInterval(sample, 100);
  let running = true;
  const probes: Promise<void>[] = [];
  const prober = (async () => {
    for (let i = 0; running; i++) {
      const wait = startedAt + i * 20 - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      probes.push(
        (async () => {
          const sent = performance.now();
          try {
            const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(60_000) });
            await response.arrayBuffer();
            statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          } catch (error) {
            statuses[(error as Error).name] = (statuses[(error as Error).name] ?? 0) + 1;
          }
          latencies.push(performance.now() - sent);
        })(),
      );
    }
  })();
  return {
    async stop() {
      running = false;
      await prober;
      await Promise.all(probes);
      sample();
      clearInterval(sampler);
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        seconds: (performance.now() - startedAt) / 1000,
        health: {
          probes: sorted.length,
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          p99: percentile(sorted, 99),
          max: sorted.at(-1) ?? 0,
          statuses,
        },
        rss: { before, peak, now: rssBytes(pid) },
        parsers: { peak: parsersPeak, pids: [...parserPids] },
      };
    },
  };
}

export type Watched = Awaited<ReturnType<ReturnType<typeof watchServer>['stop']>>;

/**
 * One upload of `mib` MiB with `Transfer-Encoding: chunked` (no Content-Length), generated on the
 * fly from one MiB of pseudo-random bytes behind a prefix of its own (so each is a blob of its
 * own), written as fast as the server takes it.
 */
export function chunkedUpload({
  url,
  token,
  vorgangId,
  mib,
  name,
}: {
  url: string;
  token: string;
  vorgangId: string;
  mib: number;
  name: string;
}) {
  const boundary = `verbund-haertung-${name}`;
  const block = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((i * 2654435761) >>> 0, i);
  const started = performance.now();
  return new Promise<{ status: number; ms: number }>((resolve, reject) => {
    const request = http.request(
      new URL(`${url}/api/v1/vorgaenge/${vorgangId}/dokumente`),
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'transfer-encoding': 'chunked',
        },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }),
        );
      },
    );
    request.on('error', reject);
    (async () => {
      const write = (chunk: Buffer) =>
        request.write(chunk) ? undefined : new Promise((resolve) => request.once('drain', resolve));
      await write(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="datei"; filename="${name}.bin"\r\n` +
            `Content-Type: application/octet-stream\r\n\r\n${name}\n`,
        ),
      );
      for (let i = 0; i < mib && !request.destroyed; i++) await write(block);
      request.end(`\r\n--${boundary}--\r\n`);
    })().catch(reject);
  });
}

/** Clock ticks per second of the CPU times in /proc/<pid>/stat (`getconf CLK_TCK`, 100 almost everywhere). */
export const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * One process's line of /proc/<pid>/stat: its parent, `own` CPU time = utime + stime (all its
 * threads) and `reaped` = cutime + cstime (its exited children that it waited for, with theirs),
 * in clock ticks. Undefined once it is gone.
 */
function readStat(pid: number) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name (which may hold spaces and parentheses): state(3) ppid(4) …
    // utime(14) stime(15) cutime(16) cstime(17).
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(f[1]),
      own: Number(f[11]) + Number(f[12]),
      reaped: Number(f[13]) + Number(f[14]),
    };
  } catch {
    return undefined;
  }
}

/** All live processes with their CPU times (readStat), read once from /proc. Linux only. */
export function processTable() {
  const table = new Map<number, NonNullable<ReturnType<typeof readStat>>>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) table.set(Number(entry), stat);
  }
  return table;
}

export type ProcessTable = ReturnType<typeof processTable>;

/**
 * CPU time in clock ticks of a process tree: `root` and all its descendants, without the subtrees
 * rooted at `exclude`, each with the children it has reaped. A process that exits between two
 * snapshots moves its whole time into its parent's `reaped`, so the difference of two snapshots is
 * the CPU the tree used in between, provided the parent waits for its children (node and the
 * postmaster do).
 */
export function treeTicks(table: ProcessTable, root: number, exclude: number[] = []) {
  const children = new Map<number, number[]>();
  for (const [pid, p] of table) {
    const siblings = children.get(p.ppid);
    if (siblings) siblings.push(pid);
    else children.set(p.ppid, [pid]);
  }
  let ticks = 0;
  const stack = table.has(root) && !exclude.includes(root) ? [root] : [];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    const p = table.get(pid)!;
    ticks += p.own + p.reaped;
    for (const child of children.get(pid) ?? []) if (!exclude.includes(child)) stack.push(child);
  }
  return ticks;
}

/** CPU time of one process in clock ticks, with its reaped children (undefined once it is gone). */
export function processTicks(pid: number) {
  const stat = readStat(pid);
  return stat && stat.own + stat.reaped;
}
