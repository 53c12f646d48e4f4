import { type FSWatcher, watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../../platform/logger.ts';
import { walkTree } from '../import/import.walk.ts';
import { createStabilityTracker, isCandidate } from './eingangsordner.models.ts';
import { type PickupDeps, type PickupOutcome, takeFile } from './eingangsordner.pickup.ts';
import { type Eingangsordner, listOrdner } from './eingangsordner.repository.ts';

/** The absolute directory of a county's folder: `<root>/<landkreis>/<pfad>`. */
export const folderDir = (root: string, ordner: Pick<Eingangsordner, 'tenantId' | 'pfad'>) =>
  path.join(root, ordner.tenantId, ordner.pfad);

/**
 * Watches the consume folders of every county. Polling is the ground truth: every `pollMs` each
 * active folder is walked (works on NFS/SMB mounts, where change events never arrive); where the
 * file system reports changes (inotify), an event only brings the next pass forward. If events
 * stop, nothing is missed – the folder is still walked on time. A file is taken once it is
 * complete (unchanged on two looks and untouched for the folder's stability window).
 */
export function createEingangsordnerWatcher({
  deps,
  root,
  tenants,
  logger,
  pollMs = 2000,
  events = true,
}: {
  deps: PickupDeps;
  root: string;
  tenants: () => Promise<string[]>;
  logger: Logger;
  pollMs?: number;
  /** Use change events to wake early (false: polling only, as on a network mount). */
  events?: boolean;
}) {
  const tracker = createStabilityTracker();
  const watchers = new Map<string, FSWatcher>();
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  // Set by an event that arrives while a pass runs: the next pass follows at once.
  let changed = false;
  const onEvent = () => {
    changed = true;
    wake?.();
  };

  function watchFolder(dir: string) {
    if (!events || watchers.has(dir)) return;
    try {
      const w = watch(dir, { recursive: true }, onEvent);
      w.on('error', () => {
        w.close();
        watchers.delete(dir);
      });
      watchers.set(dir, w);
    } catch {
      // No events here (missing folder, network mount): polling alone.
    }
  }

  async function scanFolder(ordner: Eingangsordner, counts: Record<PickupOutcome, number>) {
    const dir = folderDir(root, ordner);
    watchFolder(dir);
    const present = new Set<string>();
    for await (const entry of walkTree(dir, '', { manifest: false })) {
      if (entry.error || !isCandidate(entry.relPath)) continue;
      const abs = path.join(dir, entry.relPath);
      present.add(abs);
      const info = await stat(abs).catch(() => null);
      if (!info?.isFile()) continue;
      const look = { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino };
      if (!tracker.ready(abs, look, ordner.stabilSekunden * 1000)) {
        counts.wartet += 1;
        continue;
      }
      try {
        const outcome = await takeFile(deps, { ordner, dir, relPath: entry.relPath });
        counts[outcome] += 1;
        if (outcome !== 'wartet') tracker.forget(abs);
      } catch (error) {
        // Database or scanner away: the file stays and is taken on a later pass.
        logger.warn(
          { err: error, ordner: ordner.id, datei: entry.relPath },
          'consume folder: file not taken',
        );
      }
    }
    return present;
  }

  /** One pass over every active folder of every county; returns what became of the files (`wartet`: not complete yet). */
  async function runOnce() {
    const counts: Record<PickupOutcome, number> = { abgelegt: 0, duplikat: 0, fehler: 0, wartet: 0 };
    const present = new Set<string>();
    for (const tenantId of await tenants()) {
      const folders = await deps.database.withTenant(tenantId, (trx) => listOrdner(trx, { nurAktive: true }));
      for (const ordner of folders) for (const p of await scanFolder(ordner, counts)) present.add(p);
    }
    tracker.keepOnly(present);
    return counts;
  }

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          changed = false;
          const counts = await runOnce().catch((error) => {
            logger.warn({ err: error }, 'consume folders: pass failed');
            return undefined;
          });
          // Stopped during the pass: no pause (stop() would wait for it).
          if (!running) break;
          // Files waiting to become complete are looked at again within a second.
          const waitMs = changed ? Math.min(250, pollMs) : counts?.wartet ? Math.min(pollMs, 1000) : pollMs;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, waitMs);
            // An event wakes the loop early (after a short settle), never later than the poll.
            wake = () => {
              clearTimeout(timer);
              setTimeout(resolve, Math.min(250, pollMs));
              wake = undefined;
            };
          });
        }
      })();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}

export type EingangsordnerWatcher = ReturnType<typeof createEingangsordnerWatcher>;
