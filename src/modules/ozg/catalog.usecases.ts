import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../platform/http/principal.ts';
import type { OnboardingHook, ReceivedArtifact } from '../../platform/onboarding/onboarding.ts';
import { AppError, badRequest, forbidden, notFound } from '../../shared/errors.ts';
import { appendAuditEvent } from '../audit/audit.module.ts';
import type { ByteStream } from '../../platform/parsers/bounded-wire.ts';
import { createImportParsers, type ParserLimits } from '../../platform/parsers/import-parsers.ts';
import { createAkteInTrx } from '../records/akten.usecases.ts';
import type { FimImportOutcome } from './fim/fim-import.task.ts';
import { countFields, type FormDefinition, type ImportWarning } from './fim/form.models.ts';
import { validateXdf, XsdUnavailable } from './fim/xsd.ts';
import { decodeGv100, Gv100Error, parseGv100 } from './gv100.ts';
import { LEISTUNG_TEXTE, type Leistung, toLeistung } from './ozg.models.ts';

export const IMPORT_LIMIT_BYTES = 10 * 1024 * 1024;

/** A file of an import: its bytes, or a stream of them that goes straight on to the parser process. */
export type ImportFile = { name: string; bytes: Uint8Array | ByteStream };

const refused = (code: string, message: string, messageDe: string, details?: unknown) =>
  new AppError({ code, status: 422, message, messageDe, details });

/**
 * A small read-through cache for Verbund-level catalogue reads on the submission hot path.
 * Entries live `ms` milliseconds; failures are not cached; at most `max` keys.
 */
function ttlCache<T>(ms: number, max = 1000) {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return {
    get(key: string, load: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit && Date.now() - hit.at < ms) return hit.value;
      if (entries.size >= max) entries.clear();
      const value = load();
      entries.set(key, { at: Date.now(), value });
      value.catch(() => entries.delete(key));
      return value;
    },
    delete: (key: string) => entries.delete(key),
    clear: () => entries.clear(),
  };
}

/** Catalogue changes (a new form version, a changed service) reach every process within this time. */
export const CATALOG_CACHE_MS = 5000;

/** A county's activation of a service and the Akte its Anträge are filed in. */
export type Activation = {
  aktiv: boolean;
  akte_id: string | null;
  zustaendig_oe_id: string | null;
  akte_status: 'offen' | 'zda' | null;
  unit_id: string | null;
  vertraulichkeit: 'offen' | 'intern' | 'vertraulich' | null;
  aktenzeichen: string | null;
  akte_titel: string | null;
  kennzeichen: string | null;
};

export function createCatalogUsecases({
  database,
  xsdDir,
  parserLimits,
}: {
  database: DatabaseHandle;
  xsdDir: string;
  /** Heap and wall time of the process that unpacks and parses an import (as for text extraction). */
  parserLimits?: ParserLimits;
}) {
  const { db } = database;
  // Uploaded schemas and bundles are unpacked and parsed outside the web process, bounded. Imports
  // are rare admin work: at most two at a time and one core left for the web process and the
  // database (one on a two-core machine), more wait here; a parser ends after a minute without work.
  const parsers = createImportParsers({
    module: new URL('./fim/fim-import.task.ts', import.meta.url),
    task: 'readFimImportTask',
    size: Math.max(1, Math.min(2, availableParallelism() - 1)),
    limits: parserLimits,
    code: 'fim.too_complex',
    messageDe: (limit) =>
      `Import abgelehnt: Die Datei ist zu komplex, um sie zu lesen (${limit}); sie wurde nicht übernommen.`,
  });

  /** The upload read into a form definition in a bounded parser process; refusals and breaches as 4xx. */
  async function readImport(files: ImportFile[]) {
    const outcome = await parsers.run<FimImportOutcome>(async () => ({ files }));
    if (!outcome.ok)
      throw new AppError({
        code: outcome.code,
        status: outcome.status,
        message: outcome.message,
        messageDe: outcome.messageDe,
      });
    const { bytes } = outcome.schema;
    return {
      ...outcome,
      schema: {
        name: outcome.schema.name,
        bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      },
    };
  }
  const leistungCache = ttlCache<Leistung>(CATALOG_CACHE_MS);
  const formCache = ttlCache<{ id: string; version: number; definition: FormDefinition } | null>(
    CATALOG_CACHE_MS,
  );
  const activationCache = ttlCache<Activation | undefined>(CATALOG_CACHE_MS);
  const zustaendigCache = ttlCache<{
    gemeinde: { ags: string; name: string };
    tenant: { id: string; name: string; kreisschluessel: string };
  }>(CATALOG_CACHE_MS);

  async function listLeistungen(filter: { q?: string; tenantId?: string } = {}) {
    const q = filter.q?.trim().toLowerCase();
    const { rows } = await sql<Record<string, unknown>>`
      select l.*, t.name as owner_name, f.name as formular_name,
        (select max(version) from formular_versionen v where v.formular_id = l.formular_id) as formular_neueste
      from leistungen l join tenants t on t.id = l.owner_tenant_id
      left join formulare f on f.id = l.formular_id
      where ${q ? sql`(lower(l.name) like ${`%${q}%`} or lower(l.suchbegriffe) like ${`%${q}%`} or lower(l.texte->>'kurztext') like ${`%${q}%`} or l.leika = ${q})` : sql`true`}
      order by l.name`.execute(db);
    return rows.map(toLeistung);
  }

  function getLeistung(idOrLeika: string): Promise<Leistung> {
    return leistungCache.get(idOrLeika, () => loadLeistung(idOrLeika));
  }

  async function loadLeistung(idOrLeika: string): Promise<Leistung> {
    const { rows } = await sql<Record<string, unknown>>`
      select l.*, t.name as owner_name, f.name as formular_name,
        (select max(version) from formular_versionen v where v.formular_id = l.formular_id) as formular_neueste
      from leistungen l join tenants t on t.id = l.owner_tenant_id
      left join formulare f on f.id = l.formular_id
      where l.id = ${idOrLeika} or l.leika = ${idOrLeika}`.execute(db);
    if (!rows[0]) throw notFound('leistung', 'Die Leistung');
    return toLeistung(rows[0]);
  }

  /** The form version an Antrag for this service is filled in now (pinned or newest). */
  function currentForm(leistung: Leistung) {
    if (!leistung.formularId) return Promise.resolve(null);
    return formCache.get(`${leistung.formularId}:${leistung.formularVersion ?? 'neueste'}`, () =>
      loadCurrentForm(leistung),
    );
  }

  async function loadCurrentForm(leistung: Leistung) {
    if (!leistung.formularId) return null;
    const row = await db
      .selectFrom('formular_versionen' as never)
      .select(['id', 'version', 'definition', 'warnings'] as never[])
      .where('formular_id' as never, '=', leistung.formularId as never)
      .$if(leistung.formularVersion !== null, (q) =>
        q.where('version' as never, '=', leistung.formularVersion as never),
      )
      .orderBy('version' as never, 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return null;
    const r = row as unknown as { id: string; version: number; definition: FormDefinition };
    return { id: r.id, version: r.version, definition: r.definition };
  }

  async function formVersion(id: string) {
    const { rows } = await sql<{ id: string; version: number; definition: FormDefinition }>`
      select id, version, definition from formular_versionen where id = ${id}::uuid`.execute(db);
    return rows[0] ?? null;
  }

  /**
   * Imports a FIM XDatenfelder schema as a new version of its form. Checked against the official
   * XSD first: a deviating file is refused with the validation messages unless `force`, in which
   * case the deviations are kept as warnings on the version. Structural defects are always refused.
   */
  async function importFormular(principal: Principal, files: ImportFile[], options: { force: boolean }) {
    if (!hasRole(principal, 'verbund-admin', 'kreis-admin'))
      throw forbidden(
        'verbund-admin or kreis-admin required',
        'Formulare importieren darf nur die Administration.',
      );
    const parsed = await readImport(files);
    const { definition, schema } = parsed;
    const warnings: ImportWarning[] = [...parsed.warnings];
    let xsdValid = true;
    if (definition.xdfVersion !== 'verbund') {
      let result: Awaited<ReturnType<typeof validateXdf>>;
      try {
        result = await validateXdf(schema.bytes, definition.xdfVersion, xsdDir);
      } catch (error) {
        if (!(error instanceof XsdUnavailable)) throw error;
        if (!options.force)
          throw new AppError({
            code: 'fim.xsd_unavailable',
            status: 503,
            message: error.message,
            messageDe: `Die XSD-Prüfung ist nicht verfügbar: ${error.message} Mit force=true wird ungeprüft importiert.`,
          });
        warnings.push({ code: 'xsd.unavailable', message: `Nicht gegen das XSD geprüft: ${error.message}` });
        result = { valid: true, messages: [] };
      }
      xsdValid = result.valid;
      if (!result.valid && !options.force)
        throw refused(
          'fim.xsd_invalid',
          `the file deviates from the XDatenfelder ${definition.xdfVersion} XSD`,
          `Die Datei weicht vom XSD XDatenfelder ${definition.xdfVersion} ab (${result.messages.length} Meldung${result.messages.length === 1 ? '' : 'en'}). Mit „trotzdem importieren“ (force=true) wird sie mit diesen Abweichungen als Warnungen übernommen.`,
          { validation: result.messages },
        );
      warnings.push(...result.messages);
    }
    if (parsed.missingCodeLists.length > 0) {
      const message = `Codelisten fehlen: ${parsed.missingCodeLists.join(', ')} (als genericode-Dateien mit hochladen).`;
      if (!options.force) throw refused('fim.codelists_missing', 'code lists missing', message);
      warnings.push({
        code: 'fim.codelists_missing',
        message: `${message} Die Auswahlfelder werden als Textfelder dargestellt.`,
      });
    }
    const sha256 = createHash('sha256').update(schema.bytes).digest('hex');
    return database.withTenant(principal.tenantId, async (trx) => {
      await sql`insert into formulare (id, name, owner_tenant_id) values (${definition.id}, ${definition.title}, ${principal.tenantId})
        on conflict (id) do update set name = excluded.name`.execute(trx);
      // Serialise concurrent imports of the same form (version numbers stay gapless and unique).
      await sql`select id from formulare where id = ${definition.id} for update`.execute(trx);
      const existing = await sql<{ id: string; version: number }>`
        select id, version from formular_versionen where formular_id = ${definition.id} and source_sha256 = ${sha256}
        order by version desc limit 1`.execute(trx);
      if (existing.rows[0] && !options.force)
        throw new AppError({
          code: 'fim.duplicate_import',
          status: 409,
          message: 'this exact file is already imported',
          messageDe: `Genau diese Datei ist bereits als Version ${existing.rows[0].version} importiert.`,
        });
      const { rows } = await sql<{ id: string; version: number; imported_at: Date }>`
        insert into formular_versionen (formular_id, version, fim_version, xdf_version, definition, warnings, erzwungen,
          source_sha256, imported_by)
        select ${definition.id}, coalesce(max(version), 0) + 1, ${definition.version}, ${definition.xdfVersion},
          ${JSON.stringify(definition)}::jsonb, ${JSON.stringify(warnings)}::jsonb, ${options.force && !xsdValid},
          ${sha256}, ${actorOf(principal)}
        from formular_versionen where formular_id = ${definition.id}
        returning id, version, imported_at`.execute(trx);
      const row = rows[0]!;
      formCache.clear();
      leistungCache.clear();
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

  async function listFormulare() {
    const { rows } = await sql<Record<string, unknown>>`
      select f.id, f.name, f.owner_tenant_id, v.id as version_id, v.version, v.fim_version, v.xdf_version,
        jsonb_array_length(v.warnings) as warnungen, v.erzwungen, v.imported_at
      from formulare f join lateral (
        select * from formular_versionen v where v.formular_id = f.id order by version desc limit 1) v on true
      order by f.name`.execute(db);
    return rows.map((r) => ({
      id: r.id as string,
      name: r.name as string,
      owner: (r.owner_tenant_id as string) ?? null,
      versionId: r.version_id as string,
      version: r.version as number,
      fimVersion: r.fim_version as string,
      xdfVersion: r.xdf_version as string,
      warnungen: Number(r.warnungen),
      erzwungen: r.erzwungen as boolean,
      importiertAm: (r.imported_at as Date).toISOString(),
    }));
  }

  async function getFormularVersion(formularId: string, version?: number) {
    const { rows } = await sql<Record<string, unknown>>`
      select * from formular_versionen where formular_id = ${formularId}
      ${version ? sql`and version = ${version}` : sql``} order by version desc limit 1`.execute(db);
    const r = rows[0];
    if (!r) throw notFound('formular', 'Das Formular');
    return {
      id: r.id as string,
      formularId,
      version: r.version as number,
      fimVersion: r.fim_version as string,
      xdfVersion: r.xdf_version as string,
      definition: r.definition as FormDefinition,
      warnungen: r.warnings as ImportWarning[],
      erzwungen: r.erzwungen as boolean,
      importiertAm: (r.imported_at as Date).toISOString(),
    };
  }

  /** Municipalities by name, postcode or AGS, with the responsible member county (if any). */
  async function findGemeinden(query: string, limit = 20) {
    const q = query.trim();
    if (!q) return [];
    const { rows } = await sql<{
      ags: string;
      name: string;
      plz: string[];
      tenant_id: string | null;
      tenant_name: string | null;
      verifiziert: boolean;
    }>`
      select g.ags, g.name, g.plz, g.verifiziert, t.id as tenant_id, t.name as tenant_name
      from gemeinden g left join tenants t on t.kreisschluessel = g.kreisschluessel
      where ${/^\d{8}$/.test(q) ? sql`g.ags = ${q}` : /^\d{5}$/.test(q) ? sql`${q} = any(g.plz)` : sql`lower(g.name) like ${`%${q.toLowerCase()}%`}`}
      order by t.id is null, g.name limit ${limit}`.execute(db);
    return rows.map((r) => ({
      ags: r.ags,
      name: r.name,
      plz: r.plz,
      verifiziert: r.verifiziert,
      zustaendig: r.tenant_id ? { id: r.tenant_id, name: r.tenant_name! } : null,
    }));
  }

  /** The member county responsible for a municipality (AGS → Kreisschlüssel → member). */
  function resolveZustaendigkeit(ags: string) {
    if (!/^\d{8}$/.test(ags))
      return Promise.reject(
        badRequest('gemeinde.ags', 'AGS must have 8 digits', 'Der Gemeindeschlüssel (AGS) hat 8 Ziffern.'),
      );
    return zustaendigCache.get(ags, () => loadZustaendigkeit(ags));
  }

  async function loadZustaendigkeit(ags: string) {
    const { rows } = await sql<{
      ags: string;
      name: string;
      tenant_id: string | null;
      tenant_name: string | null;
      kreisschluessel: string;
    }>`
      select g.ags, g.name, t.id as tenant_id, t.name as tenant_name, g.kreisschluessel
      from gemeinden g left join tenants t on t.kreisschluessel = g.kreisschluessel where g.ags = ${ags}`.execute(
      db,
    );
    const row = rows[0];
    if (!row)
      throw refused(
        'gemeinde.unknown',
        `unknown AGS ${ags}`,
        `Die Gemeinde mit dem Schlüssel ${ags} ist nicht bekannt.`,
      );
    if (!row.tenant_id)
      throw refused(
        'gemeinde.not_member',
        `no member county for ${ags}`,
        `Für ${row.name} ist kein Landkreis des Verbunds zuständig.`,
      );
    return {
      gemeinde: { ags: row.ags, name: row.name },
      tenant: { id: row.tenant_id, name: row.tenant_name!, kreisschluessel: row.kreisschluessel },
    };
  }

  /** A county's activations (every Verbund service, active or not, with its filing unit). */
  async function listAktivierungen(principal: Principal) {
    return database.withTenant(principal.tenantId, async (trx) => {
      const { rows } = await sql<Record<string, unknown>>`
        select l.id, l.name, l.leika, a.aktiv, a.kennzeichen, a.akte_id, o.kuerzel as oe
        from leistungen l left join leistung_aktivierungen a on a.leistung_id = l.id
        left join org_units o on o.id = a.zustaendig_oe_id order by l.name`.execute(trx);
      return rows.map((r) => ({
        leistungId: r.id as string,
        name: r.name as string,
        leika: r.leika as string,
        aktiv: (r.aktiv as boolean | null) ?? false,
        kennzeichen: (r.kennzeichen as string | null) ?? null,
        akteId: (r.akte_id as string | null) ?? null,
        oe: (r.oe as string | null) ?? null,
      }));
    });
  }

  async function setAktivierung(
    principal: Principal,
    leistungId: string,
    input: { aktiv?: boolean; kennzeichen?: string; oe?: string | null },
  ) {
    if (!hasRole(principal, 'kreis-admin'))
      throw forbidden('kreis-admin required', 'Leistungen aktivieren darf nur die Kreis-Administration.');
    const leistung = await getLeistung(leistungId);
    await database.withTenant(principal.tenantId, (trx) =>
      activateInTrx(trx, { ...leistung, oe: undefined }, actorOf(principal), input),
    );
    activationCache.clear();
    return (await listAktivierungen(principal)).find((a) => a.leistungId === leistung.id)!;
  }

  /** Imports the official municipality directory (GV100AD); existing entries are updated. */
  async function importGemeinden(bytes: Uint8Array, onProgress?: (done: number, total: number) => void) {
    let parsed: ReturnType<typeof parseGv100>;
    try {
      parsed = parseGv100(decodeGv100(bytes));
    } catch (error) {
      if (error instanceof Gv100Error) throw refused('gemeinden.format', error.message, error.message);
      throw error;
    }
    const { gemeinden } = parsed;
    const batch = 500;
    for (let i = 0; i < gemeinden.length; i += batch) {
      const rows = gemeinden.slice(i, i + batch);
      await sql`
        insert into gemeinden (ags, name, plz, verifiziert, quelle)
        select x.ags, x.name, x.plz, true, 'Destatis GV100AD ' || x.gebietsstand
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(ags text, name text, plz text[], gebietsstand text)
        on conflict (ags) do update set name = excluded.name, verifiziert = true, quelle = excluded.quelle,
          plz = (select array(select distinct unnest(gemeinden.plz || excluded.plz)))`.execute(db);
      onProgress?.(Math.min(i + batch, gemeinden.length), gemeinden.length);
    }
    zustaendigCache.clear();
    const members = gemeinden.filter((g) => g.ags.startsWith('16')).length;
    return { gemeinden: gemeinden.length, uebersprungen: parsed.skipped, thueringen: members };
  }

  /**
   * Whether a county offers a service (cached like the catalogue; the submission transaction checks
   * again, so a just-deactivated service never takes an Antrag).
   */
  /**
   * A county's activation of a service with what filing an Antrag needs to know of its Akte
   * (cached for CATALOG_CACHE_MS; submission re-checks it against live data in its statement).
   */
  function activation(tenantId: string, leistungId: string, options: { fresh?: boolean } = {}) {
    if (!/^[a-z0-9-]+$/.test(leistungId)) return Promise.resolve(undefined);
    const load = async () => {
      const [row] = await database.executeAsTenant(
        tenantId,
        sql<Activation>`select la.aktiv, la.akte_id, la.zustaendig_oe_id, a.status as akte_status, a.unit_id,
           a.vertraulichkeit, a.aktenzeichen, a.titel as akte_titel, u.kennzeichen
         from leistung_aktivierungen la left join akten a on a.id = la.akte_id
         left join aktenplan_units u on u.id = a.unit_id where la.leistung_id = ${leistungId}`,
      );
      return row;
    };
    if (options.fresh) activationCache.delete(`${tenantId}:${leistungId}`);
    return activationCache.get(`${tenantId}:${leistungId}`, load);
  }

  return {
    activation,
    importGemeinden,
    listLeistungen,
    getLeistung,
    currentForm,
    formVersion,
    importFormular,
    parserStats: () => parsers.stats(),
    close: () => parsers.close(),
    listFormulare,
    getFormularVersion,
    findGemeinden,
    resolveZustaendigkeit,
    listAktivierungen,
    setAktivierung,
  };
}

/**
 * Activates a service for the county of `trx`: its filing unit (the service's suggestion unless
 * the county chose another), the responsible OE, and the Akte its Vorgänge are filed in.
 */
export async function activateInTrx(
  trx: TenantTrx,
  leistung: Pick<Leistung, 'id' | 'name' | 'kennzeichenVorschlag'> & { oe?: string | null },
  actor: string,
  input: { aktiv?: boolean; kennzeichen?: string; oe?: string | null } = {},
) {
  const current = await sql<{ kennzeichen: string; akte_id: string | null; aktiv: boolean }>`
    select kennzeichen, akte_id, aktiv from leistung_aktivierungen where leistung_id = ${leistung.id} for update`.execute(
    trx,
  );
  let kennzeichen = input.kennzeichen ?? current.rows[0]?.kennzeichen ?? leistung.kennzeichenVorschlag;
  const unit = await sql<{
    id: string;
  }>`select id from aktenplan_units where kennzeichen = ${kennzeichen}`.execute(trx);
  if (!unit.rows[0]) {
    if (input.kennzeichen)
      throw badRequest(
        'aktenplan.unknown_unit',
        `no unit ${kennzeichen}`,
        `Die Aktenplaneinheit „${kennzeichen}“ gibt es nicht.`,
      );
    const fallback = await sql<{
      default_kennzeichen: string;
    }>`select default_kennzeichen from records_settings`.execute(trx);
    kennzeichen = fallback.rows[0]?.default_kennzeichen ?? kennzeichen;
  }
  const currentOe = (
    await sql<{
      kuerzel: string;
    }>`select o.kuerzel from leistung_aktivierungen a join org_units o on o.id = a.zustaendig_oe_id
      where a.leistung_id = ${leistung.id}`.execute(trx)
  ).rows[0]?.kuerzel;
  const oeRef = input.oe !== undefined ? input.oe : (currentOe ?? leistung.oe);
  const oe = oeRef
    ? (
        await sql<{
          id: string;
        }>`select id from org_units where kuerzel = ${oeRef} or id::text = ${oeRef}`.execute(trx)
      ).rows[0]
    : undefined;
  if (oeRef && !oe && input.oe)
    throw badRequest('oe.unknown', `no OE ${oeRef}`, `Die Organisationseinheit „${oeRef}“ gibt es nicht.`);
  let akteId = current.rows[0]?.akte_id ?? null;
  if (!akteId || (input.kennzeichen && input.kennzeichen !== current.rows[0]?.kennzeichen)) {
    const akte = await createAkteInTrx(trx, actor, {
      titel: `Anträge: ${leistung.name}`,
      aktenplan: kennzeichen,
    });
    akteId = akte.id;
  }
  const aktiv = input.aktiv ?? current.rows[0]?.aktiv ?? true;
  await sql`
    insert into leistung_aktivierungen (tenant_id, leistung_id, aktiv, kennzeichen, akte_id, zustaendig_oe_id)
    values (${trx.tenantId}, ${leistung.id}, ${aktiv}, ${kennzeichen}, ${akteId}::uuid, ${oe?.id ?? null}::uuid)
    on conflict (tenant_id, leistung_id) do update set aktiv = excluded.aktiv, kennzeichen = excluded.kennzeichen,
      akte_id = excluded.akte_id, zustaendig_oe_id = excluded.zustaendig_oe_id, updated_at = now()`.execute(
    trx,
  );
  await appendAuditEvent(trx, {
    actor,
    action: 'services.leistung_aktiviert',
    objectType: 'leistung',
    objectId: leistung.id,
    data: { aktiv, kennzeichen, akteId, oe: oeRef ?? null },
  });
  return { aktiv, kennzeichen, akteId };
}

/** Onboarding: a joining county gets every standard service of the Verbund, active. */
export const servicesOnboardingHook: OnboardingHook = {
  name: 'services.leistungen',
  label: 'OZG-Leistungen des Verbunds',
  async activate({ trx, actor }) {
    const { rows } = await sql<Record<string, unknown>>`
      select l.*, t.name as owner_name, null as formular_name, null as formular_neueste
      from leistungen l join tenants t on t.id = l.owner_tenant_id where l.standard order by l.name`.execute(
      trx,
    );
    const received: ReceivedArtifact[] = [];
    for (const row of rows) {
      const leistung = toLeistung(row);
      const { kennzeichen } = await activateInTrx(
        trx,
        { ...leistung, oe: (row.standard_oe as string) ?? null },
        actor,
      );
      received.push({
        kind: 'leistung',
        id: leistung.id,
        label: `${leistung.name} (LeiKa ${leistung.leika}${leistung.leikaPlatzhalter ? ', Platzhalter' : ''}) → Aktenplan ${kennzeichen}`,
        ownerTenantId: leistung.ownerTenantId,
        status: 'active',
      });
    }
    return received;
  },
};

export { LEISTUNG_TEXTE };
export type CatalogUsecases = ReturnType<typeof createCatalogUsecases>;
