import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createVerbundInstallation,
  exited,
  type VerbundInstallation,
  type VerbundProcess,
} from './support/verbund-process.ts';

// Two start-up defects (issue 10, item 8): a data directory the postgres user cannot enter, and
// a second installation on the same machine. Without the demo seed, a start takes a few seconds.
const installations: VerbundInstallation[] = [];
const running: VerbundProcess[] = [];
afterAll(async () => {
  for (const app of running) {
    app.child.kill('SIGTERM');
    await exited(app.child);
  }
  for (const installation of installations) await installation.dispose();
});

async function install(options: Parameters<typeof createVerbundInstallation>[0]) {
  const installation = await createVerbundInstallation({
    ...options,
    env: { VERBUND_SEED_DEMO: 'false', ...options?.env },
  });
  installations.push(installation);
  return installation;
}

async function startAndCheckHealth(installation: VerbundInstallation) {
  const app = await installation.start({ timeoutMs: 60_000 });
  running.push(app);
  const health = await (await fetch(`${app.url}/health`)).json();
  expect(health).toMatchObject({ status: 'ok', database: { status: 'ok', kind: 'embedded' } });
  return app;
}

const asRoot = process.getuid?.() === 0;
let first: { installation: VerbundInstallation; app?: VerbundProcess } | undefined;
/** The first installation: as root with a data directory of mode 0700; it chooses its own port. */
async function firstInstallation() {
  first ??= {
    installation: await install({
      prefix: 'verbund-first-',
      dataDirMode: 0o700,
      pgPort: 'unset',
    }),
  };
  first.app ??= await startAndCheckHealth(first.installation);
  return first as { installation: VerbundInstallation; app: VerbundProcess };
}

describe('start-up on any machine', () => {
  it('a data directory of mode 0700 (mktemp -d) starts; as root only the postgres group may pass through it', {
    timeout: 90_000,
  }, async () => {
    const { installation } = await firstInstallation();
    const { mode, uid } = statSync(installation.dataDir);
    expect(uid).toBe(process.getuid?.());
    // As root (PostgreSQL runs as postgres): still root's, the group (postgres) may pass, others
    // get nothing, nobody else may list it. Otherwise PostgreSQL runs as the owner: untouched.
    expect((mode & 0o777).toString(8)).toBe(asRoot ? '710' : '700');
  });

  it('a second installation on the same machine runs beside the first (each its own PostgreSQL port)', {
    timeout: 120_000,
  }, async () => {
    const { installation: one, app: a } = await firstInstallation();
    const two = await install({ prefix: 'verbund-second-', pgPort: 'unset' });
    const b = await startAndCheckHealth(two);
    expect(one.pgPort()).not.toBe(two.pgPort());
    // Both answer at the same time, each from its own database.
    for (const app of [a, b]) expect((await fetch(`${app.url}/health`)).status).toBe(200);
    // The CLI of an installation finds its own running server (through the recorded port).
    expect((await two.cli('tenant', 'list', '--json')).stdout.trim()).toBe('[]');
  });
});
