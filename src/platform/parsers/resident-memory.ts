import { readFile } from 'node:fs/promises';

/** Resident memory of a process in bytes, where the system tells (Linux); otherwise undefined. */
export async function residentBytes(pid: number) {
  try {
    const statm = await readFile(`/proc/${pid}/statm`, 'utf8');
    return Number(statm.split(' ')[1]) * 4096;
  } catch {
    return undefined;
  }
}
