import { readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';

/** The port of the embedded PostgreSQL when VERBUND_PG_PORT is not set and it is free. */
export const DEFAULT_PG_PORT = 54329;

/** Binds 127.0.0.1:`port` for a moment (0: any port); the bound port, or null when it is taken. */
function probePort(port: number) {
  return new Promise<number | null>((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(null));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const { port: bound } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(bound));
    });
  });
}

/** Whether nothing listens on 127.0.0.1:`port` (we could bind it). */
const isPortFree = async (port: number) => (await probePort(port)) !== null;

/**
 * The port of this installation's embedded PostgreSQL. Set (VERBUND_PG_PORT): that one, always.
 * Otherwise the one recorded in `file` (beside the cluster) — so the web process, the worker and
 * the CLI of one data directory find the same server —, or 54329 for a new installation. When
 * the server is not running yet and that port is taken (a second installation on this machine),
 * a free port is chosen and recorded instead. Clients of this machine use the Unix socket in the
 * cluster directory, whose name carries the port; TCP on 127.0.0.1 stays for the rest.
 */
export async function embeddedPort({
  configured,
  file,
  running,
}: {
  configured: number | undefined;
  file: string;
  /** Whether this installation's server answers on the given port (then it is kept). */
  running: (port: number) => Promise<boolean>;
}): Promise<number> {
  if (configured !== undefined) return configured;
  const recorded = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
  const wanted = recorded > 0 ? recorded : DEFAULT_PG_PORT;
  if ((await running(wanted)) || (await isPortFree(wanted))) {
    if (wanted !== recorded) await writeFile(file, String(wanted));
    return wanted;
  }
  const chosen = await probePort(0);
  if (chosen === null) throw new Error('no free TCP port on 127.0.0.1 for the embedded PostgreSQL');
  await writeFile(file, String(chosen));
  return chosen;
}
