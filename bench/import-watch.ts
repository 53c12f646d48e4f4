import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { type ClamdHandle, startClamd } from '../test/support/clamd.ts';

/**
 * What bench:import watches from outside the product (Linux /proc, a socket in front of clamd, a
 * wrapper in front of OCRmyPDF): CPU time per process tree, virus scans per SHA-256 and OCR runs
 * per input SHA-256 — so "nothing scanned or OCRed twice" is counted, not assumed.
 */

const TICKS = 100; // USER_HZ of Linux /proc/<pid>/stat

/** All processes as pid → { ppid, seconds } (own CPU plus that of reaped children). */
function processTable() {
  const table = new Map<number, { ppid: number; seconds: number; command: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // after the name: state ppid … utime(12) stime(13) cutime(14) cstime(15), counted from 1 at state
      const seconds = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICKS;
      table.set(Number(entry), { ppid: Number(f[1]), seconds, command });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

/**
 * CPU seconds of a process tree: every live process under `root` (its own time and that of its
 * reaped children), leaving out the subtrees of `exclude`. A child that ended and was reaped counts
 * in its parent's cutime/cstime, so nothing that ran in the tree is lost.
 */
export function treeCpuSeconds(root: number, exclude: number[] = []) {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let sum = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    if (exclude.includes(pid)) continue;
    sum += table.get(pid)?.seconds ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return sum;
}

/** CPU seconds of one process with its reaped children (utime + stime + cutime + cstime), 0 once it is gone. */
export function statSeconds(pid: number) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICKS;
  } catch {
    return 0;
  }
}

/**
 * A socket in front of clamd (the product's VERBUND_CLAMD_SOCKET points here) that counts the
 * INSTREAM scans clamd answered, per SHA-256 of the streamed bytes. clamd itself can be restarted
 * behind it (`restartClamd`): while it is down the proxy refuses, as a stopped clamd would.
 */
export async function startCountingClamd(
  dir: string,
  {
    beforeReply,
  }: {
    /** Runs after a scan is counted and before clamd's reply goes on to the client (tests: kill it there). */
    beforeReply?: (sha256: string, count: number) => Promise<void> | void;
  } = {},
) {
  let clamd: ClamdHandle | null = await startClamd({ maxBytes: 50 * 1024 * 1024 });
  const socketPath = path.join(dir, 'clamd-proxy.sock');
  let scans = new Map<string, number>();
  const server = net.createServer((client) => {
    if (!clamd) return client.destroy();
    const upstream = net.connect(clamd.socket);
    const hash = createHash('sha256');
    let buffer = Buffer.alloc(0);
    let header = false;
    let ended = false;
    let answered = false;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffer = Buffer.concat([buffer, chunk]);
      if (!header && buffer.length >= 10) {
        header = true;
        buffer = buffer.subarray(10); // zINSTREAM\0
      }
      while (header && !ended && buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0) {
          ended = true;
          break;
        }
        if (buffer.length < 4 + length) break;
        hash.update(buffer.subarray(4, 4 + length));
        buffer = buffer.subarray(4 + length);
      }
    });
    // Everything clamd sends goes on in order, after a `beforeReply` hold (its close included).
    let gate = Promise.resolve();
    upstream.on('data', (chunk: Buffer) => {
      if (ended && !answered && chunk.includes(0)) {
        answered = true;
        const sha = hash.digest('hex');
        scans.set(sha, (scans.get(sha) ?? 0) + 1);
        const count = [...scans.values()].reduce((a, b) => a + b, 0);
        if (beforeReply) gate = gate.then(() => beforeReply(sha, count));
      }
      gate = gate.then(() => {
        if (!client.destroyed) client.write(chunk);
      });
    });
    upstream.on('end', () => {
      gate = gate.then(() => {
        client.end();
      });
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('end', () => upstream.end());
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socket: socketPath,
    /** The pid of the clamd now running (its CPU is counted apart from the worker's). */
    pid: () => clamd?.process.pid,
    /** Scans per SHA-256 since the last reset. */
    scans: () => scans,
    reset() {
      scans = new Map();
    },
    /** Stops clamd (SIGTERM), leaves it down for `downMs`, starts a new one; resolves when it serves. */
    async restartClamd(downMs = 1000) {
      const old = clamd;
      clamd = null;
      await old?.stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      clamd = await startClamd({ maxBytes: 50 * 1024 * 1024 });
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await clamd?.stop();
    },
  };
}

/**
 * A directory to put first on PATH with wrappers of the two OCR engines the product calls by name:
 * `ocrmypdf` notes the SHA-256 of its input (the next-to-last argument), `tesseract` that of its
 * image (the first argument, with the page number it is given, if any); both then run the real one.
 * Version and language queries (first argument an option) are not counted.
 */
export async function countingOcr(dir: string) {
  const bin = path.join(dir, 'bin');
  const log = path.join(dir, 'ocr-runs.log');
  await mkdir(bin, { recursive: true });
  const real = (name: string) =>
    [`/usr/bin/${name}`, `/usr/local/bin/${name}`].find((file) => {
      try {
        readFileSync(file, { flag: 'r' });
        return true;
      } catch {
        return false;
      }
    }) ?? `${name}-missing`;
  await writeFile(
    path.join(bin, 'ocrmypdf'),
    `#!/bin/sh\nprev=; last=\nfor a; do prev=$last; last=$a; done\n[ -f "$prev" ] && echo "ocrmypdf $(sha256sum "$prev" | cut -d' ' -f1)" >> '${log}'\nVERBUND_OCR_IN_OCRMYPDF=1 exec ${real('ocrmypdf')} "$@"\n`,
  );
  await writeFile(
    path.join(bin, 'tesseract'),
    `#!/bin/sh\nif [ -f "$1" ] && [ -z "$VERBUND_OCR_IN_OCRMYPDF" ]; then page=$(printf '%s\\n' "$@" | grep tessedit_page_number || true); echo "tesseract $(sha256sum "$1" | cut -d' ' -f1) $page" >> '${log}'; fi\nexec ${real('tesseract')} "$@"\n`,
  );
  await chmod(path.join(bin, 'ocrmypdf'), 0o755);
  await chmod(path.join(bin, 'tesseract'), 0o755);
  await writeFile(log, '');
  return {
    bin,
    /** Runs per input (engine, SHA-256 and page). */
    async runs() {
      const counts = new Map<string, number>();
      for (const line of (await readFile(log, 'utf8')).split('\n').filter(Boolean))
        counts.set(line, (counts.get(line) ?? 0) + 1);
      return counts;
    },
  };
}

/** The functions with the most self time in the V8 CPU profiles of a directory (node --cpu-prof). */
export async function printProfile(dir: string, top = 20) {
  type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
  const self = new Map<string, number>();
  let total = 0;
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as {
      nodes: Node[];
      samples: number[];
      timeDeltas: number[];
    };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const frame = byId.get(id)!.callFrame;
      const where = frame.url
        ? `${frame.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${frame.lineNumber + 1}`
        : '';
      const key = `${frame.functionName || '(anonym)'} ${where}`.trim();
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      self.set(key, (self.get(key) ?? 0) + ms);
      total += ms;
    });
  }
  console.log(`  Profil des Importers (Eigenzeit, ${total.toFixed(0)} ms Stichproben):`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`    ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
}
