import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const DOVECOT = '/usr/sbin/dovecot';

/** Whether Dovecot is installed (Debian `dovecot-imapd`); tests fail when CI is set and it is not. */
export const dovecotInstalled = () => existsSync(DOVECOT);

export type DovecotHandle = {
  host: string;
  port: number;
  user: string;
  password: string;
  dir: string;
  process: ChildProcess;
  stop: () => Promise<void>;
  log: () => Promise<string>;
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** uid/gid of a system user from /etc/passwd (the mail files belong to it, not to root). */
const systemUser = (names: string[]) => {
  const lines = readFileSync('/etc/passwd', 'utf8').split('\n');
  for (const name of names) {
    const line = lines.find((l) => l.startsWith(`${name}:`));
    if (line) {
      const [, , uid, gid] = line.split(':');
      return { name, uid: Number(uid), gid: Number(gid) };
    }
  }
  throw new Error(`none of the system users ${names.join(', ')} exists`);
};

const reachable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('* OK'));
    });
    socket.once('error', () => resolve(false));
  });

/**
 * Starts a Dovecot of the test's own in the foreground: config, users (passwd-file), maildirs,
 * base_dir and log in a temp directory, plain IMAP on 127.0.0.1 and a free port, one user.
 */
export async function startDovecot(): Promise<DovecotHandle> {
  if (!dovecotInstalled()) throw new Error('dovecot is not installed (apt-get install dovecot-imapd)');
  const dir = await mkdtemp(path.join(tmpdir(), 'verbund-dovecot-'));
  // Dovecot's auth and mail processes (not root) must reach the users file and the maildirs.
  await chmod(dir, 0o711);
  const port = await freePort();
  const login = systemUser(['dovenull', 'nobody']);
  const internal = systemUser(['dovecot', 'nobody']);
  const mailUser = systemUser(['dovecot', 'nobody']);
  const user = 'poststelle';
  const password = 'geheim-imap-1';
  const mailDir = path.join(dir, 'mail');
  await mkdir(mailDir);
  await chown(mailDir, mailUser.uid, mailUser.gid);
  await writeFile(
    path.join(dir, 'users'),
    `${user}:{PLAIN}${password}:${mailUser.uid}:${mailUser.gid}::${mailDir}/${user}\n`,
  );
  await writeFile(
    path.join(dir, 'dovecot.conf'),
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${dir}/dovecot.log`,
      `info_log_path = ${dir}/dovecot.log`,
      'protocols = imap',
      `listen = 127.0.0.1`,
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `default_internal_user = ${internal.name}`,
      `default_login_user = ${login.name}`,
      `first_valid_uid = ${Math.min(mailUser.uid, 100)}`,
      `first_valid_gid = ${Math.min(mailUser.gid, 100)}`,
      `mail_location = maildir:${mailDir}/%u`,
      `passdb {\n  driver = passwd-file\n  args = ${dir}/users\n}`,
      `userdb {\n  driver = passwd-file\n  args = ${dir}/users\n}`,
      `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n}`,
      'service anvil {\n  chroot =\n}',
      'service imap-login {\n  chroot =\n}',
      '',
    ].join('\n'),
  );
  const child = spawn(DOVECOT, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  const log = () => readFile(path.join(dir, 'dovecot.log'), 'utf8').catch(() => '');
  const deadline = Date.now() + 20_000;
  while (!(await reachable(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`dovecot did not start:\n${await log()}`);
    }
    await sleep(50);
  }
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    dir,
    process: child,
    log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(5000)]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
