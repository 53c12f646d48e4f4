import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// Processes of the embedded PostgreSQL and of the app that owns it, seen through pids and /proc.

/** The pid in the cluster's lock file (its first line), or null. */
export function readPostmasterPid(dir: string) {
  try {
    const pid = Number.parseInt(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8'), 10);
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Whether `pid` is a live process running `program`. A zombie counts as dead, and where /proc
 * tells the command line, a pid reused by another program does too.
 */
export function isAlive(pid: number, program: 'node' | 'postgres') {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/^\d+ \(.*\) Z/s.test(stat)) return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(program);
  } catch {
    return true;
  }
}

export function signal(pid: number, name: NodeJS.Signals) {
  try {
    process.kill(pid, name);
  } catch {}
}

export async function waitForExit(pid: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid, 'postgres')) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}
