import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { readPostmasterPid } from '../../src/platform/database/postmaster.ts';

/**
 * The product as an operator runs it: `verbund start` as a child process on a data directory of
 * its own (embedded PostgreSQL on a random port, PORT=0), with the CLI beside it and a look at its
 * processes through Linux /proc. For tests and benchmarks that kill, restart and measure it.
 */

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/verbund.js');

export type VerbundProcess = {
  child: ChildProcess;
  url: string;
  /** The start-up time `verbund start` reported in its ready line, in seconds. */
  readySeconds: number;
  /** What `verbund start` printed, stdout and stderr interleaved. */
  output: () => string;
};

/** A fresh data directory and the environment for `verbund start` and the CLI on it. */
export async function createVerbundInstallation({
  prefix = 'verbund-process-',
  env: extra = {},
  dataDirMode = 0o755,
  pgPort = 'random',
}: {
  prefix?: string;
  env?: Record<string, string>;
  /** The data directory's mode (mkdtemp makes it 0700; most tests open it to 0755). */
  dataDirMode?: number;
  /** 'random': VERBUND_PG_PORT set to a random port; 'unset': the product chooses its port. */
  pgPort?: 'random' | 'unset';
} = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), prefix));
  await chmod(dataDir, dataDirMode);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    VERBUND_DATA_DIR: dataDir,
    PORT: '0',
    VERBUND_PG_PORT: String(40000 + Math.floor(Math.random() * 10000)),
    LOG_LEVEL: 'warn',
    ...extra,
  };
  delete env.DATABASE_URL;
  if (pgPort === 'unset') delete env.VERBUND_PG_PORT;
  /** The embedded PostgreSQL's port: the one set, or the one the product recorded. */
  const pgPortNow = () => env.VERBUND_PG_PORT ?? readFileSync(path.join(dataDir, 'pg-port'), 'utf8').trim();
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');

  /** Starts `verbund start` and resolves once it printed its ready line and address. */
  function start({ timeoutMs = 90_000 }: { timeoutMs?: number } = {}): Promise<VerbundProcess> {
    const child = spawn(process.execPath, [BIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`not ready in ${timeoutMs} ms:\n${output}`)),
        timeoutMs,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const address = /Adresse:\s+(\S+)/.exec(output);
        const ready = /Bereit nach ([\d.]+) s/.exec(output);
        if (address && ready) {
          clearTimeout(timer);
          resolve({ child, url: address[1]!, readySeconds: Number(ready[1]), output: () => output });
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited with ${code}:\n${output}`));
      });
    });
  }

  /** A query as the database superuser on a connection of its own (survives restarts). */
  async function observe<R extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
    const credentials = JSON.parse(await readFile(path.join(dataDir, 'pg-credentials.json'), 'utf8'));
    const client = new pg.Client({
      connectionString: `postgres://postgres:${encodeURIComponent(credentials.superPassword)}@127.0.0.1:${pgPortNow()}/verbund`,
    });
    client.on('error', () => {});
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  /** The pid of the embedded postmaster, from its pid file (undefined when there is none). */
  const postmasterPid = () => readPostmasterPid(path.dirname(pidFile)) ?? undefined;

  return {
    dataDir,
    env,
    pgPort: pgPortNow,
    /** The embedded postmaster's pid file (gone once PostgreSQL was stopped cleanly). */
    pidFile,
    start,
    /** Runs a `verbund` CLI command against this installation. */
    cli: (...args: string[]) => run(process.execPath, [BIN, ...args], { env }),
    /** A bearer token of the given roles, made by the CLI. */
    async token(tenant: string, ...roles: string[]) {
      const { stdout } = await run(
        process.execPath,
        [BIN, 'token', 'create', '--tenant', tenant, ...roles.flatMap((r) => ['--role', r]), '--json'],
        { env },
      );
      return JSON.parse(stdout).token as string;
    },
    postmasterPid,
    observe,
    /**
     * Waits until no job (of `kind`, if given) is queued or running; resolves with the time it
     * took, throws after `timeoutMs`.
     */
    async awaitJobsDrained({ kind, timeoutMs }: { kind?: string; timeoutMs: number }) {
      const started = performance.now();
      while (performance.now() - started < timeoutMs) {
        const [pending] = await observe<{ n: number }>(
          "select count(*)::int as n from jobs where status in ('queued', 'running') and ($1::text is null or kind = $1)",
          [kind ?? null],
        );
        if (pending!.n === 0) return Math.round(performance.now() - started);
        await sleep(500);
      }
      throw new Error(`jobs${kind ? ` of kind ${kind}` : ''} not drained in ${timeoutMs} ms`);
    },
    /**
     * The end of a run: `app` (if still running) stopped with SIGTERM, a postmaster left behind
     * (one orphaned on purpose and never taken over) stopped, and the data directory removed.
     */
    async dispose(app?: VerbundProcess) {
      if (app && app.child.exitCode === null && app.child.signalCode === null) {
        app.child.kill('SIGTERM');
        await exited(app.child);
      }
      const leftover = postmasterPid();
      if (leftover && alive(leftover)) process.kill(leftover, 'SIGQUIT');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type VerbundInstallation = Awaited<ReturnType<typeof createVerbundInstallation>>;

/** Resolves with the exit code once the child has exited (at once if it already has). */
export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

/** A live process (a zombie, which no one reaps in some containers, counts as gone). */
export function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Resident memory of a process in bytes (0 once it is gone). */
export function rssBytes(pid: number) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** The direct children of a process with their command lines, read from /proc. */
export function childProcesses(parent: number) {
  const children: Array<{ pid: number; command: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The fields after the command name (which may hold spaces and parentheses): state, ppid, …
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== parent) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      children.push({ pid: Number(entry), command });
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/** Letters only: the full-text search stems words, digits would make separate tokens. */
export function letters(n: number) {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
}
