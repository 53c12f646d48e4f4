import { type ChildProcess, fork, type Serializable } from 'node:child_process';
import type { Socket } from 'node:net';
import { setPriority } from 'node:os';
import { type BoundedPoolOptions, ParserBreach } from './bounded-pool.types.ts';
import { createBulkReader, pack, partSize, unpack, writeParts } from './bounded-wire.ts';
import { residentBytes } from './resident-memory.ts';

export { type BoundedPoolOptions, type BreachKind, ParserBreach } from './bounded-pool.types.ts';
export { residentBytes } from './resident-memory.ts';

type Job = {
  /** Produces the input once a process is free, so queued work holds no bytes (blobs are read late). */
  load: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
};
type Parser = {
  child: ChildProcess;
  /** Bytes to and from the process (bounded-wire.ts). */
  bulk: Socket;
  reader: ReturnType<typeof createBulkReader>;
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
  watch?: NodeJS.Timeout;
  idle?: NodeJS.Timeout;
  /** Set when we stop the process ourselves: the reason its task fails. */
  stopped?: Error | 'idle';
};

const ENTRY = new URL('./bounded-child.mjs', import.meta.url);
/** How often the resident memory of a busy process is looked at (Linux: /proc). */
const WATCH_MS = 200;

/**
 * Runs parsers of untrusted content outside the web process, bounded. Each parser is a child
 * process with its own V8 heap limit, working on one task at a time; the queue lives here, and a
 * task's wall time starts when a process takes it. A process over its heap (V8 aborts it), its
 * resident memory (ArrayBuffers are outside the heap) or its time is killed and replaced; its task
 * fails with a ParserBreach, and the others go on. Parsers run at a lower CPU priority (nice 10).
 *
 * Child processes rather than worker threads: a worker's `resourceLimits` are best effort — for
 * some allocation shapes (one huge string, pushing onto one array, exactly what a hostile page tree
 * makes pdf.js do) V8 aborts the whole process instead of the worker (nodejs/node#47224), which is
 * the crash this pool exists to prevent.
 */
export function createBoundedPool(options: BoundedPoolOptions) {
  const queue: Job[] = [];
  let parsers: Parser[] = [];
  let replaced = 0;
  let closed = false;
  /** Processes in a row that died before they were ready (a broken installation, not a file). */
  let failedStarts = 0;
  const rssLimit = (2 * options.heapMb + 256) * 1024 * 1024;

  function spawn(): Parser {
    const child = fork(ENTRY, [options.module.href, options.task], {
      // Only our own flags: the parent's (a test runner's loader, --max-old-space-size) stay out.
      execArgv: [
        `--max-old-space-size=${options.heapMb}`,
        `--max-semi-space-size=${Math.max(1, Math.min(16, Math.round(options.heapMb / 32)))}`,
      ],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc', 'pipe'],
    });
    // Parsing is background work: the web process and the database come first on a busy CPU.
    if (child.pid !== undefined)
      try {
        setPriority(child.pid, 10);
      } catch {
        // not permitted here; the parser runs at normal priority
      }
    const bulk = child.stdio[4] as Socket;
    bulk.on('error', () => {}); // the process died; its 'exit' tells why
    const parser: Parser = { child, bulk, reader: createBulkReader(bulk), ready: false };
    child.unref();
    child.channel?.unref();
    bulk.unref();
    child.on(
      'message',
      async (message: { ready?: true; value?: unknown; sizes?: number[]; error?: string }) => {
        if (message.ready) {
          parser.ready = true;
          failedStarts = 0;
          dispatch();
          return;
        }
        const job = parser.job;
        if (!job) return;
        let value: unknown;
        if (message.error === undefined) {
          const parts = await parser.reader.read(message.sizes ?? []);
          if (parser.job !== job) return; // stopped while the bytes came in
          value = unpack(message.value, parts);
        }
        settle(parser);
        if (message.error !== undefined) job.reject(new Error(message.error));
        else job.resolve(value);
        dispatch();
      },
    );
    child.on('error', () => {}); // a failed kill or send; 'exit' follows where it matters
    child.on('exit', (code, signal) => {
      if (!parser.ready && !parser.stopped && ++failedStarts >= 3) {
        // Not the fault of any file: fail what waits instead of respawning for ever.
        failedStarts = 0;
        const reason = new Error(`parser processes fail to start (exit ${code ?? signal})`);
        for (const job of queue.splice(0)) job.reject(reason);
      }
      const reason =
        parser.stopped instanceof Error
          ? parser.stopped
          : signal === 'SIGABRT' || code === 134
            ? new ParserBreach('heap', `parser exceeded its heap limit of ${options.heapMb} MiB`)
            : new ParserBreach('crash', `parser exited (${code ?? signal})`);
      drop(parser, reason);
    });
    return parser;
  }

  function settle(parser: Parser) {
    clearTimeout(parser.timer);
    clearInterval(parser.watch);
    parser.job = undefined;
    if (options.idleMs !== undefined && queue.length === 0) {
      clearTimeout(parser.idle);
      parser.idle = setTimeout(() => stop(parser, 'idle'), options.idleMs);
      parser.idle.unref();
    }
  }

  /** Kills a process; its task (if any) fails with the reason once it has exited. */
  function stop(parser: Parser, reason: Error | 'idle') {
    if (parser.stopped) return;
    parser.stopped = reason;
    parser.child.kill('SIGKILL');
  }

  /** Takes a process out of the pool; its task (if any) fails with the reason. */
  function drop(parser: Parser, reason: Error) {
    if (!parsers.includes(parser)) return;
    parsers = parsers.filter((p) => p !== parser);
    clearTimeout(parser.timer);
    clearInterval(parser.watch);
    clearTimeout(parser.idle);
    const job = parser.job;
    parser.job = undefined;
    if (job) {
      replaced++;
      job.reject(reason);
    }
    dispatch();
  }

  function dispatch() {
    if (closed) return;
    while (parsers.length < options.size && queue.length > parsers.filter((p) => !p.job).length)
      parsers.push(spawn());
    for (const parser of parsers) {
      if (!parser.ready || parser.job || parser.stopped) continue;
      const job = queue.shift();
      if (!job) break;
      clearTimeout(parser.idle);
      parser.job = job;
      void start(parser, job);
    }
    // Work in progress or waiting keeps the process alive (a CLI awaits its answer); idle parsers do not.
    for (const parser of parsers)
      if (parser.job || (queue.length > 0 && !parser.ready)) {
        parser.child.channel?.ref();
        parser.bulk.ref();
      } else {
        parser.child.channel?.unref();
        parser.bulk.unref();
      }
  }

  async function start(parser: Parser, job: Job) {
    let input: unknown;
    try {
      input = await job.load();
    } catch (error) {
      settle(parser);
      job.reject(error as Error);
      dispatch();
      return;
    }
    if (parser.job !== job) return; // the process died meanwhile; the job has been failed
    // The clock starts here, when the process has the task — not when it was queued.
    parser.timer = setTimeout(
      () => stop(parser, new ParserBreach('time', `task took longer than ${options.timeoutMs / 1000} s`)),
      options.timeoutMs,
    );
    parser.watch = setInterval(async () => {
      const rss = parser.child.pid === undefined ? undefined : await residentBytes(parser.child.pid);
      if (rss !== undefined && rss > rssLimit && parser.job === job)
        stop(
          parser,
          new ParserBreach('heap', `parser exceeded ${Math.round(rssLimit / 1048576)} MiB resident`),
        );
    }, WATCH_MS);
    const { shape, parts } = pack(input);
    try {
      parser.child.send({ shape, sizes: parts.map(partSize) } as Serializable);
    } catch {
      return; // the process is gone; its 'exit' fails the task
    }
    // A stream that breaks leaves the parser waiting for bytes: it is ended, the task fails with
    // the stream's error (storage trouble, not the file's fault: the job is retried).
    await writeParts(parser.bulk, parts).catch((error: Error) => {
      if (parser.job === job) stop(parser, error);
    });
  }

  return {
    /**
     * Queues a task; `load` runs when a process is free and returns the task's input, in which
     * byte arrays and ByteStreams (bounded-wire.ts) travel raw over the socket.
     */
    run<T>(load: () => Promise<unknown>): Promise<T> {
      if (closed) return Promise.reject(new Error('bounded pool closed'));
      return new Promise<T>((resolve, reject) => {
        queue.push({ load, resolve: resolve as (value: unknown) => void, reject });
        dispatch();
      });
    },
    stats: () => ({
      processes: parsers.length,
      busy: parsers.filter((p) => p.job).length,
      queued: queue.length,
      replaced,
      pids: parsers.flatMap((p) => (p.child.pid === undefined ? [] : [p.child.pid])),
    }),
    async close() {
      closed = true;
      const running = parsers;
      parsers = [];
      for (const job of queue.splice(0)) job.reject(new Error('bounded pool closed'));
      await Promise.all(
        running.map((parser) => {
          clearTimeout(parser.timer);
          clearInterval(parser.watch);
          clearTimeout(parser.idle);
          parser.job?.reject(new Error('bounded pool closed'));
          parser.job = undefined;
          if (parser.child.exitCode !== null || parser.child.signalCode !== null) return undefined;
          return new Promise<void>((resolve) => {
            parser.child.once('exit', () => resolve());
            parser.child.kill('SIGKILL');
          });
        }),
      );
    },
  };
}

export type BoundedPool = ReturnType<typeof createBoundedPool>;
