import { spawn } from 'node:child_process';

/** `verbund import DIR --tenant …` as a real child process (stderr a pipe: plain progress lines). */
export function startImportCli({
  dir,
  tenant,
  env,
  args = [],
}: {
  dir: string;
  tenant: string;
  env: NodeJS.ProcessEnv;
  args?: string[];
}) {
  const child = spawn('node', ['bin/verbund.js', 'import', dir, '--tenant', tenant, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}
