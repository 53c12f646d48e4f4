import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'verbund-start-'));
  await chmod(dataDir, 0o755);
  env = {
    ...(process.env as Record<string, string>),
    VERBUND_DATA_DIR: dataDir,
    PORT: '0',
    VERBUND_PG_PORT: String(40000 + Math.floor(Math.random() * 10000)),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Starts `verbund start` and resolves once it printed its ready line. */
function start(): Promise<{ child: ChildProcess; url: string; readySeconds: number; output: () => string }> {
  const child = spawn('node', ['bin/verbund.js', 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Bereit nach ([\d.]+) s/.exec(output);
      const url = /Adresse:\s+(\S+)/.exec(output);
      if (ready && url) {
        clearTimeout(timer);
        resolve({ child, url: url[1]!, readySeconds: Number(ready[1]), output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

const stop = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<number | null>((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill(signal);
  });

const cli = (...args: string[]) => run('node', ['bin/verbund.js', ...args], { env });

describe('one-command start on embedded PostgreSQL', () => {
  it('first start seeds the demo Verbund, is ready in under 30 s, and prints URL and demo logins', async () => {
    const server = await start();
    expect(server.readySeconds).toBeLessThan(30);
    expect(server.output()).toMatch(
      /Demo-Verbund der vier Landkreise angelegt, mit \d{3,} Dokumenten in der E-Akte/,
    );
    expect(server.output()).toContain('sachbearbeitung@<landkreis>');
    const health = await (await fetch(`${server.url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: { status: 'ok', kind: 'embedded' } });

    // The CLI works while the server runs: it reuses the running embedded PostgreSQL.
    const added = await cli(
      'tenant',
      'add',
      '--id',
      'ilm-kreis',
      '--name',
      'Ilm-Kreis',
      '--kreisschluessel',
      '16070',
    );
    expect(added.stdout).toContain('ist dem Verbund beigetreten');
    // The joining county received the Verbund's Aktenplan template, owned by the Unstrut-Hainich-Kreis.
    expect(added.stdout).toContain('Verbund-Aktenplan (Landkreise)');
    const { stdout } = await cli('token', 'create', '--tenant', 'ilm-kreis', '--role', 'lesen', '--json');
    const me = await (
      await fetch(`${server.url}/api/v1/me`, {
        headers: { authorization: `Bearer ${JSON.parse(stdout).token}` },
      })
    ).json();
    expect(me.tenant.id).toBe('ilm-kreis');

    expect(await stop(server.child, 'SIGTERM')).toBe(0);
    expect(server.output()).toContain('Verbund beendet.');
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);

  it('the CLI works when the server is not running, and stops the database it started', async () => {
    const { stdout } = await cli('tenant', 'list', '--json');
    expect(JSON.parse(stdout)).toHaveLength(5);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 60_000);

  it('a restart keeps all data, is ready in under 10 s, and SIGINT stops it cleanly', async () => {
    const server = await start();
    expect(server.readySeconds).toBeLessThan(10);
    expect(server.output()).not.toContain('Demo-Verbund der vier Landkreise angelegt.');
    const { stdout } = await cli('token', 'create', '--tenant', 'ilm-kreis', '--role', 'lesen', '--json');
    const response = await fetch(`${server.url}/api/v1/verbund`, {
      headers: { authorization: `Bearer ${JSON.parse(stdout).token}` },
    });
    expect((await response.json()).members).toHaveLength(5);
    expect(await stop(server.child, 'SIGINT')).toBe(0);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
