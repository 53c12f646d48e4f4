import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { isAppError } from '../../../shared/errors.ts';
import type { BlobStore, StoredBlob } from '../../blobs/blobs.module.ts';
import type { ExtractionPool } from '../extraction-pool.ts';
import { registerIntake } from './eingang-register.repository.ts';
import { importErrors } from './import.errors.ts';
import {
  folderOf,
  type ImportProgress,
  MANIFEST_NAME,
  type ManifestEntry,
  parseManifest,
} from './import.models.ts';
import {
  countOutcomes,
  type FileOutcome,
  findFolderVorgang,
  type ImportRun,
  insertFileOutcome,
  insertFolderVorgang,
  settledPaths,
} from './import.repository.ts';
import { type ImportScanHelperConfig, withScanHelper } from './import.scan-helper.ts';
import { createVocabularyBatches, readKnownText } from './import.texts.ts';
import { type TreeEntry, walkTree } from './import.walk.ts';
import {
  type FilingVorgang,
  type IntakeFiling,
  type IntakeScanner,
  scanBeforeFiling,
} from './intake-filing.ts';

export type ImportEngineDeps = {
  database: DatabaseHandle;
  blobs: BlobStore;
  filing: IntakeFiling;
  scanner?: IntakeScanner;
  /** Where and how the import's scan helper runs (`scanHelper: true` of a run); none: scans in-process. */
  scanHelper?: ImportScanHelperConfig;
  /**
   * The extraction's parsers (extraction-pool `parseOnly`): a file they read completely is filed
   * with its text – searchable at once, no extraction job. None, or null for a file (scans for
   * OCR, attachments, unreadable files): filed without, the extraction job reads it as always.
   */
  readText?: ExtractionPool['parseOnly'];
  uploadLimitBytes: number;
};

/** The manifest at the root of the tree (none: no entries); a bad one refuses the whole import. */
export async function readManifest(root: string) {
  const text = await readFile(path.join(root, MANIFEST_NAME), 'utf8').catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    },
  );
  if (text === null) return new Map<string, ManifestEntry>();
  const { entries, errors } = parseManifest(text);
  if (errors.length) throw importErrors.manifestInvalid(errors);
  return entries;
}

/** Why a file could not be read, in German. */
function readFailure(error: unknown) {
  if (isAppError(error)) return error.messageDe;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'Datei während des Imports verschwunden.';
  if (code === 'EACCES' || code === 'EPERM') return 'Datei nicht lesbar (keine Berechtigung).';
  if (code === 'EISDIR') return 'Kein reguläre Datei.';
  return `Datei nicht lesbar (${code ?? (error as Error).message}).`;
}

async function* batchesOf(entries: AsyncIterable<TreeEntry>, size: number) {
  let batch: TreeEntry[] = [];
  for await (const entry of entries) {
    batch.push(entry);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

export type RunImportInput = {
  run: ImportRun;
  actor: string;
  concurrency?: number;
  signal?: AbortSignal;
  maxMs?: number;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Scan in a helper process that outlives a `kill -9` of this one (the command line: a whole run
   * in one process). The API's job slices of 10 s scan in-process, with the verdicts in the database.
   */
  scanHelper?: boolean;
};

/**
 * Runs (or resumes) an import: streams the tree, skips every path the run has settled, and files
 * the rest with `concurrency` files in flight. Each file is one transaction: its bytes registered
 * by SHA-256 (raw input, before any preprocessing), its document filed – or recorded as seen again
 * when the county has these bytes already – and its outcome row. A kill at any point loses at
 * most the files in flight, which the next run takes again; none is filed twice. Stops taking new
 * files when `signal` aborts or after `maxMs`; `finished` tells whether the tree was done.
 */
export async function runImport(deps: ImportEngineDeps, input: RunImportInput) {
  const { scanner, scanHelper } = deps;
  if (!input.scanHelper || !scanner?.configured || !scanHelper) return runFiles(deps, input);
  return withScanHelper({ database: deps.database, scanner, config: scanHelper }, (helped) =>
    runFiles({ ...deps, scanner: helped }, input),
  );
}

async function runFiles(
  deps: ImportEngineDeps,
  { run, actor, concurrency = 4, signal, maxMs, onProgress }: RunImportInput,
) {
  const { database } = deps;
  const started = Date.now();
  const manifest = await readManifest(run.quelle);
  const before = await database.withTenant(run.tenantId, (trx) => countOutcomes(trx, run.id));
  const counts = { importiert: before.importiert, duplikat: before.duplikate, fehler: before.fehler };
  let thisProcess = 0;
  const progress = (): ImportProgress => ({
    total: run.gesamt,
    done: counts.importiert + counts.duplikat + counts.fehler,
    imported: counts.importiert,
    duplicates: counts.duplikat,
    failed: counts.fehler,
    rate: thisProcess / Math.max(0.001, (Date.now() - started) / 1000),
  });
  const vorgaenge = createFolderVorgaenge(deps, { run, actor });
  // Documents filed with their text (readKnownText): their words go to the vocabulary in batches.
  const vocabulary = createVocabularyBatches(deps, run.tenantId);
  const settle = ({ outcome, withText }: { outcome: FileOutcome; withText?: string }) => {
    if (withText) vocabulary.add(withText);
    counts[outcome] += 1;
    thisProcess += 1;
    onProgress?.(progress());
  };
  const inflight = new Set<Promise<void>>();
  let fatal: unknown;
  const stopped = () =>
    fatal !== undefined || signal?.aborted || (maxMs !== undefined && Date.now() - started > maxMs);
  let complete = true;
  outer: for await (const batch of batchesOf(walkTree(run.quelle), 200)) {
    const done = await database.withTenant(run.tenantId, (trx) =>
      settledPaths(trx, { laufId: run.id, paths: batch.map((e) => e.relPath) }),
    );
    for (const entry of batch) {
      if (done.has(entry.relPath)) continue;
      while (inflight.size >= concurrency) await Promise.race(inflight);
      if (stopped()) {
        complete = false;
        break outer;
      }
      const task = importEntry(deps, { run, actor, entry, manifest, vorgaenge })
        .then(settle, (error) => {
          fatal ??= error;
        })
        .finally(() => inflight.delete(task));
      inflight.add(task);
    }
  }
  await Promise.all(inflight);
  if (fatal !== undefined) throw fatal;
  await vocabulary.flush();
  return { finished: complete && !stopped(), progress: progress(), vocabularyAdded: vocabulary.added };
}

type Ctx = {
  run: ImportRun;
  actor: string;
  entry: TreeEntry;
  manifest: Map<string, ManifestEntry>;
  vorgaenge: ReturnType<typeof createFolderVorgaenge>;
};

/** How a file ended; `withText`: the id of a document filed with its text. */
type EntryOutcome = { outcome: FileOutcome; withText?: string };

/** One file: read and stored, scanned, registered and filed (or counted as seen again) – one commit. */
async function importEntry(
  deps: ImportEngineDeps,
  { run, actor, entry, manifest, vorgaenge }: Ctx,
): Promise<EntryOutcome> {
  const { database } = deps;
  const pfad = entry.relPath;
  const fail = (grund: string, sha256?: string): Promise<EntryOutcome> =>
    database.withTenant(run.tenantId, async (trx) => {
      await insertFileOutcome(trx, { laufId: run.id, pfad, status: 'fehler', grund, sha256 });
      return { outcome: 'fehler' as const };
    });
  if (entry.error) return fail(entry.error);
  const fileName = path.posix.basename(pfad);
  let blob: StoredBlob;
  try {
    const info = await stat(path.join(run.quelle, pfad));
    if (info.size > deps.uploadLimitBytes)
      return fail(`Datei größer als die Obergrenze von ${Math.round(deps.uploadLimitBytes / 1048576)} MiB.`);
    blob = await deps.blobs.put(createReadStream(path.join(run.quelle, pfad)), {
      maxBytes: deps.uploadLimitBytes,
    });
  } catch (error) {
    return fail(readFailure(error));
  }
  // Bytes the county has already, or scanned clean before a crash, are not scanned again.
  const verdict = await scanBeforeFiling(deps, {
    tenantId: run.tenantId,
    actor,
    source: 'import',
    fileName,
    sha256: blob.sha256,
    open: () => createReadStream(path.join(run.quelle, pfad)),
    file: path.join(run.quelle, pfad),
  });
  if (!verdict.ok) return fail(verdict.grund, blob.sha256);
  const meta = manifest.get(pfad) ?? {};
  const vorgang = await vorgaenge.of(meta.vorgang ?? folderOf(pfad));
  const text = await readKnownText(deps, fileName, blob);
  try {
    return await database.withTenant(run.tenantId, async (trx): Promise<EntryOutcome> => {
      const seen = await registerIntake(trx, { sha256: blob.sha256, quelle: 'import' });
      if (!seen.neu) {
        await insertFileOutcome(trx, {
          laufId: run.id,
          pfad,
          status: 'duplikat',
          sha256: blob.sha256,
          dokumentId: seen.dokumentId,
          grund: `Schon im Landkreis vorhanden (${seen.gesehen}. Mal gesehen).`,
        });
        return { outcome: 'duplikat' };
      }
      const filed = await deps.filing.fileDokument({
        trx,
        dokumentId: seen.dokumentId,
        actor,
        vorgang,
        file: { fileName, blob, ...(text ? { text } : {}) },
        fields: {
          titel: meta.titel,
          datum: meta.datum,
          absender: meta.absender,
          empfaenger: meta.empfaenger,
          art: meta.art,
          vertraulichkeit: meta.vertraulichkeit,
          metadaten: [{ name: 'Importpfad', typ: 'text', wert: pfad.slice(0, 2000) }],
        },
      });
      await insertFileOutcome(trx, {
        laufId: run.id,
        pfad,
        status: 'importiert',
        sha256: blob.sha256,
        dokumentId: filed.id,
      });
      return { outcome: 'importiert', ...(text ? { withText: filed.id } : {}) };
    });
  } catch (error) {
    // A rule of the E-Akte (closed Akte, invalid value) fails the file; anything else (database
    // away) stops the run, which the next start resumes.
    if (isAppError(error) && error.status < 500) return fail(error.messageDe, blob.sha256);
    throw error;
  }
}

class FolderTaken extends Error {}

/**
 * The Vorgang of each folder (or manifest `vorgang`), created once per run: cached in this process,
 * mapped in import_vorgaenge so a resumed run or a second process finds the same one.
 */
function createFolderVorgaenge(deps: ImportEngineDeps, { run, actor }: { run: ImportRun; actor: string }) {
  const known = new Map<string, Promise<FilingVorgang>>();
  const withContext = async (trx: TenantTrx, id: string): Promise<FilingVorgang> => {
    const context = await deps.filing.loadVorgangContext(trx, id);
    return { id, akteId: context.akte_id, context };
  };
  async function resolve(ordner: string): Promise<FilingVorgang> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await deps.database.withTenant(run.tenantId, async (trx) => {
          const existing = await findFolderVorgang(trx, { laufId: run.id, ordner });
          if (existing) return withContext(trx, existing);
          const betreff = (ordner ? `Import ${ordner}` : `Import ${path.basename(run.quelle)}`).slice(0, 500);
          const vorgang = await deps.filing.createVorgangInTrx(trx, actor, run.akteId, { betreff });
          // Another process mapped the folder first: roll this Vorgang back and read theirs.
          if (!(await insertFolderVorgang(trx, { laufId: run.id, ordner, vorgangId: vorgang.id })))
            throw new FolderTaken();
          return withContext(trx, vorgang.id);
        });
      } catch (error) {
        if (!(error instanceof FolderTaken) || attempt >= 2) throw error;
      }
    }
  }
  return {
    of(ordner: string) {
      let found = known.get(ordner);
      if (!found) {
        found = resolve(ordner);
        found.catch(() => known.delete(ordner));
        known.set(ordner, found);
      }
      return found;
    },
  };
}
