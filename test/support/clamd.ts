import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The EICAR test file (68 bytes): every virus scanner reports it, none treats it as harmful. Built
 * from parts so that this source file is not itself flagged by a scanner on a developer machine.
 */
export const EICAR = Buffer.from(
  `X5O!P%@AP[4\\PZX54(P^)7CC)7}$${'EICAR'}-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*`,
  'latin1',
);

/**
 * The signature database of the tests: one body-based signature (.ndb: name:target:offset:hex) that
 * finds the EICAR string at any offset of any file type — no download of the ClamAV databases.
 * (The hash form would be `44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Signature` in an .hdb,
 * but it matches only the bare 68-byte file, not EICAR inside a larger file.)
 */
export const EICAR_NDB = `Eicar-Test-Signature:0:*:${EICAR.toString('hex')}\n`;

export type ClamdHandle = {
  /** The LocalSocket path (for VERBUND_CLAMD_SOCKET). */
  socket: string;
  dir: string;
  process: ChildProcess;
  stop: () => Promise<void>;
  log: () => Promise<string>;
};

const CLAMD = ['/usr/sbin/clamd', '/usr/bin/clamd'].find((file) => existsSync(file));

/** Whether clamd is installed (Debian `clamav-daemon`); tests fail when CI is set and it is not. */
export const clamdInstalled = () => CLAMD !== undefined;

/**
 * Starts a clamd of the test's own: config, database and socket in a temp directory, in the
 * foreground as a child process, with small limits (`maxBytes`, default 1 MiB) and AlertExceedsMax
 * so that files over a limit are reported (Heuristics.Limits.Exceeded…) instead of passed.
 */
export async function startClamd({
  maxBytes = 1024 * 1024,
}: {
  maxBytes?: number;
} = {}): Promise<ClamdHandle> {
  if (!CLAMD) throw new Error('clamd is not installed (apt-get install clamav-daemon)');
  const dir = await mkdtemp(path.join(tmpdir(), 'verbund-clamd-'));
  const socket = path.join(dir, 'clamd.sock');
  await writeFile(path.join(dir, 'eicar.ndb'), EICAR_NDB);
  await writeFile(
    path.join(dir, 'clamd.conf'),
    [
      `DatabaseDirectory ${dir}`,
      `LocalSocket ${socket}`,
      'Foreground yes',
      `LogFile ${path.join(dir, 'clamd.log')}`,
      `TemporaryDirectory ${dir}`,
      `StreamMaxLength ${maxBytes}`,
      `MaxFileSize ${maxBytes}`,
      `MaxScanSize ${maxBytes}`,
      'AlertExceedsMax yes',
      'MaxThreads 4',
      'SelfCheck 3600',
      '',
    ].join('\n'),
  );
  const child = spawn(CLAMD, ['-c', path.join(dir, 'clamd.conf')], { stdio: 'ignore' });
  const log = () => readFile(path.join(dir, 'clamd.log'), 'utf8').catch(() => '');
  const deadline = Date.now() + 30_000;
  while (!existsSync(socket)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`clamd did not start:\n${await log()}`);
    }
    await sleep(50);
  }
  return {
    socket,
    dir,
    process: child,
    log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(5_000)]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
