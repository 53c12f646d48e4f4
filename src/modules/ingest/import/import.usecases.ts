import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { actorOf, type Principal } from '../../../platform/http/principal.ts';
import { enqueueJob } from '../../../platform/jobs/jobs.ts';
import { forbidden } from '../../../shared/errors.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { addVocabularyOf } from '../../search/search.module.ts';
import { type ImportEngineDeps, type RunImportInput, readManifest, runImport } from './import.engine.ts';
import { importErrors } from './import.errors.ts';
import {
  countOutcomes,
  filedDokumentIds,
  findOpenRun,
  findRun,
  finishRun,
  insertRun,
  listOutcomes,
  listRuns,
  setRunTotal,
} from './import.repository.ts';
import { countTree } from './import.walk.ts';

/** The job that runs an import started over the API, a slice of at most 10 s per job. */
export const IMPORT_JOB = 'ingest.import';
const SLICE_MS = 10_000;

export type ImportDeps = ImportEngineDeps & {
  /** Root of the server-side import folders: `<root>/<landkreis>/…` (API only; the CLI takes any path). */
  importRoot: string;
};

const looksLikeUuid = (id: string) => /^[0-9a-f-]{36}$/i.test(id);

/** The bulk import: start or resume a run, run it (CLI in the foreground, API as a job), report it. */
export function createImportUsecases(deps: ImportDeps) {
  const { database } = deps;

  /** Opens the run of a directory: the unfinished run of the same source is resumed, never doubled. */
  async function openRun({
    tenantId,
    actor,
    dir,
    aktenplan,
  }: {
    tenantId: string;
    actor: string;
    dir: string;
    aktenplan?: string;
  }) {
    const quelle = await realpath(dir).catch(() => {
      throw importErrors.sourceMissing(dir);
    });
    if (!(await stat(quelle)).isDirectory()) throw importErrors.sourceMissing(dir);
    await readManifest(quelle);
    const opened = await database.withTenant(tenantId, async (trx) => {
      const open = await findOpenRun(trx, quelle);
      if (open) return { run: open, resumed: true };
      const titel = `Import ${path.basename(quelle)} (${new Date().toLocaleDateString('de-DE')})`;
      const akte = await deps.filing.createAkteInTrx(trx, actor, { titel, aktenplan });
      const run = await insertRun(trx, {
        quelle,
        aktenplan: aktenplan ?? '',
        akteId: akte.id,
        aktenzeichen: akte.aktenzeichen,
        gestartetVon: actor,
      });
      await appendAuditEvent(trx, {
        actor,
        action: 'ingest.import_started',
        objectType: 'import',
        objectId: run.id,
        data: { quelle, aktenzeichen: akte.aktenzeichen },
      });
      return { run, resumed: false };
    });
    // Counted again on every start: the tree may have grown while the run was interrupted.
    const gesamt = await countTree(quelle);
    await database.withTenant(tenantId, (trx) => setRunTotal(trx, { id: opened.run.id, gesamt }));
    return { ...opened, run: { ...opened.run, gesamt } };
  }

  /** Runs (a slice of) the import; when the tree is done, the run is finished and audited. */
  async function execute(input: RunImportInput) {
    const result = await runImport(deps, input);
    if (result.finished)
      await database.withTenant(input.run.tenantId, async (trx) => {
        // Every document of the run in the vocabulary, also those of a process killed before its
        // batch or of an earlier slice (the API's job): all the run filed but this process added.
        const rest = (await filedDokumentIds(trx, input.run.id)).filter(
          (id) => !result.vocabularyAdded.has(id),
        );
        await addVocabularyOf(trx, rest);
        const counts = await countOutcomes(trx, input.run.id);
        await finishRun(trx, { id: input.run.id, status: 'fertig' });
        await appendAuditEvent(trx, {
          actor: input.actor,
          action: 'ingest.import_finished',
          objectType: 'import',
          objectId: input.run.id,
          data: counts,
        });
      });
    return result;
  }

  /** The run with its figures, its failures (with reason) and the files seen again. */
  async function report({ tenantId, id, limit = 100 }: { tenantId: string; id: string; limit?: number }) {
    if (!looksLikeUuid(id)) throw importErrors.runNotFound();
    return database.withTenant(tenantId, async (trx) => {
      const run = await findRun(trx, id);
      if (!run) throw importErrors.runNotFound();
      const counts = await countOutcomes(trx, id);
      return {
        ...run,
        ...counts,
        verarbeitet: counts.importiert + counts.duplikate + counts.fehler,
        fehlerliste: await listOutcomes(trx, { laufId: id, status: 'fehler', limit }),
        duplikatliste: await listOutcomes(trx, { laufId: id, status: 'duplikat', limit }),
      };
    });
  }

  const requireAdmin = (principal: Principal) => {
    if (!principal.roles.some((r) => r === 'kreis-admin' || r === 'verbund-admin'))
      throw forbidden('import needs kreis-admin', 'Importieren darf nur die Kreis-Administration.');
  };

  return {
    openRun,
    execute,
    report,

    /** API: starts (or resumes) the import of `<importRoot>/<landkreis>/<verzeichnis>` as a background job. */
    async start(principal: Principal, input: { verzeichnis: string; aktenplan?: string }) {
      requireAdmin(principal);
      const base = path.join(deps.importRoot, principal.tenantId);
      const dir = path.resolve(base, input.verzeichnis);
      if (input.verzeichnis.split(/[\\/]/).includes('..') || !`${dir}/`.startsWith(`${base}/`))
        throw importErrors.sourceOutsideRoot();
      // A symbolic link inside the county's folder must not lead out of it either.
      const real = await realpath(dir).catch(() => {
        throw importErrors.sourceMissing(input.verzeichnis);
      });
      const realBase = await realpath(base);
      if (!`${real}/`.startsWith(`${realBase}/`)) throw importErrors.sourceOutsideRoot();
      const actor = actorOf(principal);
      const { run } = await openRun({
        tenantId: principal.tenantId,
        actor,
        dir: real,
        aktenplan: input.aktenplan,
      });
      await database.withTenant(principal.tenantId, (trx) =>
        enqueueJob(trx, { kind: IMPORT_JOB, payload: { laufId: run.id, actor }, maxAttempts: 10 }),
      );
      return report({ tenantId: principal.tenantId, id: run.id });
    },

    async get(principal: Principal, id: string) {
      requireAdmin(principal);
      return report({ tenantId: principal.tenantId, id });
    },

    async list(principal: Principal) {
      requireAdmin(principal);
      return database.withTenant(principal.tenantId, (trx) => listRuns(trx, 50));
    },

    /** The job handler: one slice per job, then the next job (a crash repeats at most the files in flight). */
    job: [
      IMPORT_JOB,
      async ({ trx, payload }) => {
        const run = await findRun(trx, String(payload.laufId));
        if (run?.status !== 'laeuft') return;
        const { finished } = await execute({ run, actor: String(payload.actor), maxMs: SLICE_MS });
        if (!finished) await enqueueJob(trx, { kind: IMPORT_JOB, payload, maxAttempts: 10 });
      },
    ] as [string, import('../../../platform/jobs/jobs.ts').JobHandler],
  };
}

export type ImportUsecases = ReturnType<typeof createImportUsecases>;
