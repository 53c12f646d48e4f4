import { randomUUID } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../database/database.ts';
import type { Logger } from '../logger.ts';

/**
 * Where this process runs: the host name and the PID namespace, so that a worker compares PIDs
 * only with workers whose PIDs mean the same processes (containers on one host share its name).
 */
function hostKey() {
  let namespace = '';
  try {
    namespace = readlinkSync('/proc/self/ns/pid');
  } catch {
    // not Linux: the host name alone
  }
  return `${hostname()}${namespace ? `/${namespace}` : ''}`.slice(0, 300);
}
export const HOST = hostKey();
// Workers of this process; another row with this PID on this host is a previous process's.
const ownWorkers = new Set<string>();

const processGone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

/**
 * A job worker's identity in job_workers (migration 0012) and its heartbeat: `beat` beats once
 * and declares dead the workers of this host whose process is gone (a PID taken again by another
 * process is caught by the heartbeat instead), `hold` keeps beating every `heartbeatMs` until its
 * release, `signOff` forgets the worker for good.
 */
export function createWorkerHeartbeat({
  database,
  logger,
  host,
  heartbeatMs,
  staleSeconds,
}: {
  database: DatabaseHandle;
  logger: Logger;
  host: string;
  heartbeatMs: number;
  staleSeconds: number;
}) {
  const workerId = randomUUID();
  ownWorkers.add(workerId);
  let holders = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let beating: Promise<number> | undefined;

  /** Returns how many dead workers it found. */
  function beat() {
    beating ??= (async () => {
      try {
        const { rows } = await sql<{ id: string; pid: number }>`
          select * from job_worker_beat(${workerId}::uuid, ${host}, ${process.pid}, ${staleSeconds})`.execute(
          database.db,
        );
        const dead = rows
          .filter((row) => (row.pid === process.pid ? !ownWorkers.has(row.id) : processGone(row.pid)))
          .map((row) => row.id);
        if (dead.length > 0) {
          await sql`select job_workers_forget(${dead}::uuid[])`.execute(database.db);
          logger.warn(
            { workers: dead },
            'job workers of ended processes declared dead; their jobs are taken up',
          );
        }
        return dead.length;
      } finally {
        beating = undefined;
      }
    })();
    return beating;
  }

  /** Keeps the heartbeat going while the worker runs or a runOnce works (tests call only runOnce). */
  function hold() {
    if (holders++ === 0)
      timer = setInterval(
        () => void beat().catch((error) => logger.warn({ err: error }, 'job worker heartbeat failed')),
        heartbeatMs,
      );
    return () => {
      if (--holders === 0) clearInterval(timer);
    };
  }

  /** Gone for good: nothing of it is running any more. */
  async function signOff() {
    await sql`select job_workers_forget(${[workerId]}::uuid[])`
      .execute(database.db)
      .catch((error) => logger.warn({ err: error }, 'job worker could not sign off'));
  }

  return { workerId, beat, hold, signOff };
}
