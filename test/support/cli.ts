import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestContext } from './context.ts';

const run = promisify(execFile);

/** Runs the real `verbund` CLI (bin/verbund.js) against the test context's database. */
export async function cli(t: TestContext, ...args: string[]) {
  try {
    const { stdout, stderr } = await run('node', ['bin/verbund.js', ...args], {
      env: { ...process.env, DATABASE_URL: t.ownerUrl, DATABASE_APP_URL: t.appUrl, LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
