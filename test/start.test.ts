import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createVerbundInstallation,
  exited,
  type VerbundInstallation,
  type VerbundProcess,
} from './support/verbund-process.ts';

let installation: VerbundInstallation;

beforeAll(async () => {
  installation = await createVerbundInstallation({ prefix: 'verbund-start-' });
});
afterAll(async () => {
  await installation.dispose();
});

const start = () => installation.start({ timeoutMs: 60_000 });

const stop = async ({ child }: VerbundProcess, signal: NodeJS.Signals) => {
  child.kill(signal);
  return exited(child);
};

const cli = (...args: string[]) => installation.cli(...args);

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
    const me = await (
      await fetch(`${server.url}/api/v1/me`, {
        headers: { authorization: `Bearer ${await installation.token('ilm-kreis', 'lesen')}` },
      })
    ).json();
    expect(me.tenant.id).toBe('ilm-kreis');

    expect(await stop(server, 'SIGTERM')).toBe(0);
    expect(server.output()).toContain('Verbund beendet.');
    expect(existsSync(installation.pidFile)).toBe(false);
  }, 120_000);

  it('the CLI works when the server is not running, and stops the database it started', async () => {
    const { stdout } = await cli('tenant', 'list', '--json');
    expect(JSON.parse(stdout)).toHaveLength(5);
    expect(existsSync(installation.pidFile)).toBe(false);
  }, 60_000);

  it('a restart keeps all data, is ready in under 10 s, and SIGINT stops it cleanly', async () => {
    const server = await start();
    expect(server.readySeconds).toBeLessThan(10);
    expect(server.output()).not.toContain('Demo-Verbund der vier Landkreise angelegt.');
    const response = await fetch(`${server.url}/api/v1/verbund`, {
      headers: { authorization: `Bearer ${await installation.token('ilm-kreis', 'lesen')}` },
    });
    expect((await response.json()).members).toHaveLength(5);
    expect(await stop(server, 'SIGINT')).toBe(0);
    expect(existsSync(installation.pidFile)).toBe(false);
  }, 120_000);
});
