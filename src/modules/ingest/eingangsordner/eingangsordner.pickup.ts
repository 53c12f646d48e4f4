import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { isAppError } from '../../../shared/errors.ts';
import type { BlobStore, StoredBlob } from '../../blobs/blobs.module.ts';
import { findRegisteredIntake, registerIntake } from '../import/eingang-register.repository.ts';
import { folderOf } from '../import/import.models.ts';
import {
  type FilingVorgang,
  type IntakeFiling,
  type IntakeScanner,
  scanBeforeFiling,
} from '../import/intake-filing.ts';
import { ERROR_FOLDER, ruleFor } from './eingangsordner.models.ts';
import {
  type DateiStatus,
  type Eingangsordner,
  findZiel,
  insertDateiLog,
  insertZiel,
  wasFiled,
} from './eingangsordner.repository.ts';

export type PickupDeps = {
  database: DatabaseHandle;
  blobs: BlobStore;
  filing: IntakeFiling;
  scanner?: IntakeScanner;
  uploadLimitBytes: number;
};

/** What became of a file: filed, seen again, failed (moved to _fehler), or left for later (changed). */
export type PickupOutcome = DateiStatus | 'wartet';

const sameFile = (a: { size: number; mtimeMs: number; ino: number }, b: typeof a) =>
  a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;

/**
 * Takes one complete file of a consume folder: stored (raw bytes, SHA-256), scanned, registered
 * and filed in one transaction – and removed from the folder only after that commit. Bytes the
 * county already has are recorded as seen again; a leftover of a crash between commit and removal
 * (same path, same bytes, filed from this folder) is just removed. A file that changed while it
 * was read waits for the next pass; one that cannot be filed goes to `_fehler/` with its reason.
 */
export async function takeFile(
  deps: PickupDeps,
  { ordner, dir, relPath }: { ordner: Eingangsordner; dir: string; relPath: string },
): Promise<PickupOutcome> {
  const { database } = deps;
  const abs = path.join(dir, relPath);
  const actor = `eingangsordner:${ordner.id}`;
  const fail = (grund: string, sha256?: string) =>
    moveToErrors(deps, { ordner, dir, relPath, grund, sha256 });
  const before = await stat(abs);
  if (before.size > deps.uploadLimitBytes)
    return fail(`Datei größer als die Obergrenze von ${Math.round(deps.uploadLimitBytes / 1048576)} MiB.`);
  let blob: StoredBlob;
  try {
    blob = await deps.blobs.put(createReadStream(abs), { maxBytes: deps.uploadLimitBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'wartet';
    throw error;
  }
  // Renamed over, appended to or replaced while we read it: not complete after all.
  const after = await stat(abs).catch(() => null);
  if (!after || !sameFile(before, after)) return 'wartet';

  const known =
    deps.scanner?.configured === true &&
    (await database.withTenant(ordner.tenantId, (trx) => findRegisteredIntake(trx, blob.sha256))) !==
      undefined;
  if (!known) {
    const verdict = await scanBeforeFiling(deps, {
      tenantId: ordner.tenantId,
      actor,
      source: 'intake.ordner',
      fileName: path.posix.basename(relPath),
      sha256: blob.sha256,
      open: () => createReadStream(abs),
    });
    if (!verdict.ok) return fail(verdict.grund, blob.sha256);
  }
  let outcome: DateiStatus;
  try {
    outcome = await database.withTenant(ordner.tenantId, async (trx): Promise<DateiStatus> => {
      if (await wasFiled(trx, { ordnerId: ordner.id, pfad: relPath, sha256: blob.sha256 })) return 'abgelegt';
      const seen = await registerIntake(trx, { sha256: blob.sha256, quelle: 'ordner' });
      if (!seen.neu) {
        await insertDateiLog(trx, {
          ordnerId: ordner.id,
          pfad: relPath,
          sha256: blob.sha256,
          status: 'duplikat',
          dokumentId: seen.dokumentId,
          grund: `Schon im Landkreis vorhanden (${seen.gesehen}. Mal gesehen).`,
        });
        return 'duplikat';
      }
      const filed = await deps.filing.fileDokument({
        trx,
        dokumentId: seen.dokumentId,
        actor,
        vorgang: await targetVorgang(deps, trx, { ordner, relPath }),
        file: { fileName: path.posix.basename(relPath), blob },
        fields: {
          metadaten: [
            { name: 'Eingangsordner', typ: 'text', wert: `${ordner.name}/${relPath}`.slice(0, 2000) },
          ],
        },
      });
      await insertDateiLog(trx, {
        ordnerId: ordner.id,
        pfad: relPath,
        sha256: blob.sha256,
        status: 'abgelegt',
        dokumentId: filed.id,
      });
      return 'abgelegt';
    });
  } catch (error) {
    if (isAppError(error) && error.status < 500) return fail(error.messageDe, blob.sha256);
    throw error;
  }
  // Committed: now, and only now, the file leaves the folder.
  await unlink(abs).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  return outcome;
}

/**
 * The Vorgang of a file: a rule's Vorgang, or the Vorgang of its subfolder in the Akte of the
 * rule's Aktenplan unit (or the folder's own Akte), each created once and remembered.
 */
async function targetVorgang(
  deps: PickupDeps,
  trx: TenantTrx,
  { ordner, relPath }: { ordner: Eingangsordner; relPath: string },
): Promise<FilingVorgang> {
  const regel = ruleFor(ordner.regeln, relPath);
  const withContext = async (id: string): Promise<FilingVorgang> => {
    const context = await deps.filing.loadVorgangContext(trx, id);
    return { id, akteId: context.akte_id, context };
  };
  if (regel?.vorgangId) return withContext(regel.vorgangId);
  const aktenplan = regel?.aktenplan ?? ordner.aktenplan;
  const folder = folderOf(relPath);
  const vorgangKey = `vorgang:${aktenplan}:${folder}`;
  const existing = await findZiel(trx, { ordnerId: ordner.id, schluessel: vorgangKey });
  if (existing) return withContext(existing);
  let akteId =
    aktenplan === ordner.aktenplan
      ? ordner.akteId
      : await findZiel(trx, { ordnerId: ordner.id, schluessel: `akte:${aktenplan}` });
  if (!akteId) {
    const akte = await deps.filing.createAkteInTrx(trx, `eingangsordner:${ordner.id}`, {
      titel: `Posteingang ${ordner.name}`,
      aktenplan,
      federfuehrendeOe: ordner.oe,
    });
    akteId = akte.id;
    await insertZiel(trx, { ordnerId: ordner.id, schluessel: `akte:${aktenplan}`, akteId });
  }
  const vorgang = await deps.filing.createVorgangInTrx(trx, `eingangsordner:${ordner.id}`, akteId, {
    betreff: `Posteingang ${folder || ordner.name}`.slice(0, 500),
    zustaendigOe: ordner.oe,
  });
  await insertZiel(trx, { ordnerId: ordner.id, schluessel: vorgangKey, vorgangId: vorgang.id });
  return withContext(vorgang.id);
}

/** Moves a file that cannot be filed to `_fehler/` (same subfolder) with `<name>.grund.txt`, and logs it. */
async function moveToErrors(
  deps: PickupDeps,
  {
    ordner,
    dir,
    relPath,
    grund,
    sha256,
  }: { ordner: Eingangsordner; dir: string; relPath: string; grund: string; sha256?: string },
): Promise<PickupOutcome> {
  let target = path.join(dir, ERROR_FOLDER, relPath);
  await mkdir(path.dirname(target), { recursive: true });
  if (await stat(target).catch(() => null)) target = `${target}.${Date.now()}`;
  await writeFile(`${target}.grund.txt`, `${grund}\n`, 'utf8');
  await rename(path.join(dir, relPath), target);
  await deps.database.withTenant(ordner.tenantId, (trx) =>
    insertDateiLog(trx, { ordnerId: ordner.id, pfad: relPath, sha256, status: 'fehler', grund }),
  );
  return 'fehler';
}
