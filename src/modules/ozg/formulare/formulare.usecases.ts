import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import type { ByteStream } from '../../../platform/parsers/bounded-wire.ts';
import { createImportParsers, type ParserLimits } from '../../../platform/parsers/import-parsers.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { CATALOG_CACHE_MS, ttlCache } from '../ttl-cache.ts';
import type { FimImportOutcome } from './fim-import.task.ts';
import { countFields, type ImportWarning } from './form.models.ts';
import { formularErrors } from './formulare.errors.ts';
import {
  createFormulareRepository,
  type FormVersion,
  insertVersion,
  lockFormular,
  versionBySource,
} from './formulare.repository.ts';
import { validateXdf, XsdUnavailable } from './xsd.ts';

export const IMPORT_LIMIT_BYTES = 10 * 1024 * 1024;

/** A file of an import: its bytes, or a stream of them that goes straight on to the parser process. */
export type ImportFile = { name: string; bytes: Uint8Array | ByteStream };

/** What a service says about its form: which one, and a pinned version (null: the newest). */
export type FormularRef = { formularId: string | null; formularVersion: number | null };

/** The FIM forms of the Verbund: import (XDatenfelder, XSD check), versions, the form of a service. */
export function createFormulareUsecases({
  database,
  xsdDir,
  parserLimits,
  onImported,
}: {
  database: DatabaseHandle;
  xsdDir: string;
  /** Heap and wall time of the process that unpacks and parses an import (as for text extraction). */
  parserLimits?: ParserLimits;
  /** Called after a new version is stored (caches that show the newest version forget it). */
  onImported?: () => void;
}) {
  const repository = createFormulareRepository({ database });
  // Uploaded schemas and bundles are unpacked and parsed outside the web process, bounded. Imports
  // are rare admin work: at most two at a time and one core left for the web process and the
  // database (one on a two-core machine), more wait here; a parser ends after a minute without work.
  const parsers = createImportParsers({
    module: new URL('./fim-import.task.ts', import.meta.url),
    task: 'readFimImportTask',
    size: Math.max(1, Math.min(2, availableParallelism() - 1)),
    limits: parserLimits,
    code: 'fim.too_complex',
    messageDe: (limit) =>
      `Import abgelehnt: Die Datei ist zu komplex, um sie zu lesen (${limit}); sie wurde nicht übernommen.`,
  });
  const formCache = ttlCache<FormVersion | null>(CATALOG_CACHE_MS);

  /** The upload read into a form definition in a bounded parser process; refusals and breaches as 4xx. */
  async function readImport(files: ImportFile[]) {
    const outcome = await parsers.run<FimImportOutcome>(async () => ({ files }));
    if (!outcome.ok) throw formularErrors.refused(outcome);
    const { bytes } = outcome.schema;
    return {
      ...outcome,
      schema: {
        name: outcome.schema.name,
        bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      },
    };
  }

  /** The XSD check of a schema; deviations and an unavailable checker become warnings when forced. */
  async function checkXsd(schema: Uint8Array, xdfVersion: Parameters<typeof validateXdf>[1], force: boolean) {
    let result: Awaited<ReturnType<typeof validateXdf>>;
    const warnings: ImportWarning[] = [];
    try {
      result = await validateXdf(schema, xdfVersion, xsdDir);
    } catch (error) {
      if (!(error instanceof XsdUnavailable)) throw error;
      if (!force) throw formularErrors.xsdUnavailable(error.message);
      warnings.push({ code: 'xsd.unavailable', message: `Nicht gegen das XSD geprüft: ${error.message}` });
      result = { valid: true, messages: [] };
    }
    if (!result.valid && !force) throw formularErrors.xsdInvalid(xdfVersion, result.messages);
    warnings.push(...result.messages);
    return { valid: result.valid, warnings };
  }

  /**
   * Imports a FIM XDatenfelder schema as a new version of its form. Checked against the official
   * XSD first: a deviating file is refused with the validation messages unless `force`, in which
   * case the deviations are kept as warnings on the version. Structural defects are always refused.
   */
  async function importFormular(principal: Principal, files: ImportFile[], options: { force: boolean }) {
    if (!hasRole(principal, 'verbund-admin', 'kreis-admin')) throw formularErrors.importForbidden();
    const parsed = await readImport(files);
    const { definition, schema } = parsed;
    const warnings: ImportWarning[] = [...parsed.warnings];
    let xsdValid = true;
    if (definition.xdfVersion !== 'verbund') {
      const checked = await checkXsd(schema.bytes, definition.xdfVersion, options.force);
      xsdValid = checked.valid;
      warnings.push(...checked.warnings);
    }
    if (parsed.missingCodeLists.length > 0) {
      const message = `Codelisten fehlen: ${parsed.missingCodeLists.join(', ')} (als genericode-Dateien mit hochladen).`;
      if (!options.force) throw formularErrors.codeListsMissing(message);
      warnings.push({
        code: 'fim.codelists_missing',
        message: `${message} Die Auswahlfelder werden als Textfelder dargestellt.`,
      });
    }
    const sha256 = createHash('sha256').update(schema.bytes).digest('hex');
    return database.withTenant(principal.tenantId, async (trx) => {
      await lockFormular(trx, definition);
      const existing = await versionBySource(trx, definition.id, sha256);
      if (existing && !options.force) throw formularErrors.duplicateImport(existing.version);
      const row = await insertVersion(trx, {
        definition,
        warnings,
        erzwungen: options.force && !xsdValid,
        sha256,
        actor: actorOf(principal),
      });
      formCache.clear();
      onImported?.();
      await appendAuditEvent(trx, {
        actor: actorOf(principal),
        action: 'services.formular_imported',
        objectType: 'formular',
        objectId: definition.id,
        data: {
          version: row.version,
          fimVersion: definition.version,
          xdf: definition.xdfVersion,
          sha256,
          warnings: warnings.length,
        },
      });
      return {
        id: row.id,
        formularId: definition.id,
        version: row.version,
        fimVersion: definition.version,
        xdfVersion: definition.xdfVersion,
        titel: definition.title,
        ...countFields(definition),
        regeln: definition.rules.map((r) => ({
          id: r.id,
          name: r.name,
          umgesetzt: r.umgesetzt,
          grund: r.grund ?? null,
        })),
        xsdGueltig: xsdValid,
        warnungen: warnings,
        importiertAm: row.imported_at.toISOString(),
      };
    });
  }

  /** The form version an Antrag for this service is filled in now (pinned or newest). */
  function currentForm(leistung: FormularRef) {
    const { formularId, formularVersion } = leistung;
    if (!formularId) return Promise.resolve(null);
    return formCache.get(`${formularId}:${formularVersion ?? 'neueste'}`, () =>
      repository.currentVersion(formularId, formularVersion),
    );
  }

  async function getFormularVersion(formularId: string, version?: number) {
    const found = await repository.version(formularId, version);
    if (!found) throw formularErrors.notFound();
    return found;
  }

  return {
    importFormular,
    currentForm,
    formVersion: repository.versionById,
    listFormulare: repository.list,
    getFormularVersion,
    parserStats: () => parsers.stats(),
    close: () => parsers.close(),
  };
}

export type FormulareUsecases = ReturnType<typeof createFormulareUsecases>;
