import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import type { FormDefinition, ImportWarning } from './form.models.ts';

/** A form version as an Antrag is validated and filed against. */
export type FormVersion = { id: string; version: number; definition: FormDefinition };

type FormularListRow = {
  id: string;
  name: string;
  owner_tenant_id: string | null;
  version_id: string;
  version: number;
  fim_version: string;
  xdf_version: string;
  warnungen: number | string;
  erzwungen: boolean;
  imported_at: Date;
};

type VersionRow = {
  id: string;
  version: number;
  fim_version: string;
  xdf_version: string;
  definition: FormDefinition;
  warnings: ImportWarning[];
  erzwungen: boolean;
  imported_at: Date;
};

/**
 * All SQL of the FIM form catalogue. Forms are Verbund-wide (no tenant scope) for reading; an
 * import writes in the importing county's transaction (its audit chain).
 */
export function createFormulareRepository({ database }: { database: DatabaseHandle }) {
  const { db } = database;

  /** The pinned version of a form, or its newest. */
  async function currentVersion(formularId: string, pinned: number | null): Promise<FormVersion | null> {
    const { rows } = await sql<FormVersion>`
      select id, version, definition from formular_versionen where formular_id = ${formularId}
      ${pinned !== null ? sql`and version = ${pinned}` : sql``} order by version desc limit 1`.execute(db);
    return rows[0] ?? null;
  }

  async function versionById(id: string): Promise<FormVersion | null> {
    const { rows } = await sql<FormVersion>`
      select id, version, definition from formular_versionen where id = ${id}::uuid`.execute(db);
    return rows[0] ?? null;
  }

  /** Every form with its newest version. */
  async function list() {
    const { rows } = await sql<FormularListRow>`
      select f.id, f.name, f.owner_tenant_id, v.id as version_id, v.version, v.fim_version, v.xdf_version,
        jsonb_array_length(v.warnings) as warnungen, v.erzwungen, v.imported_at
      from formulare f join lateral (
        select * from formular_versionen v where v.formular_id = f.id order by version desc limit 1) v on true
      order by f.name`.execute(db);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      owner: r.owner_tenant_id ?? null,
      versionId: r.version_id,
      version: r.version,
      fimVersion: r.fim_version,
      xdfVersion: r.xdf_version,
      warnungen: Number(r.warnungen),
      erzwungen: r.erzwungen,
      importiertAm: r.imported_at.toISOString(),
    }));
  }

  /** A version with its definition and import warnings (`version` or the newest). */
  async function version(formularId: string, version?: number) {
    const { rows } = await sql<VersionRow>`
      select * from formular_versionen where formular_id = ${formularId}
      ${version ? sql`and version = ${version}` : sql``} order by version desc limit 1`.execute(db);
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      formularId,
      version: r.version,
      fimVersion: r.fim_version,
      xdfVersion: r.xdf_version,
      definition: r.definition,
      warnungen: r.warnings,
      erzwungen: r.erzwungen,
      importiertAm: r.imported_at.toISOString(),
    };
  }

  return { currentVersion, versionById, list, version };
}

/**
 * Creates the form (or renames it) and locks its row: concurrent imports of the same form are
 * serialised, so version numbers stay gapless and unique.
 */
export async function lockFormular(trx: TenantTrx, form: { id: string; title: string }) {
  await sql`insert into formulare (id, name, owner_tenant_id) values (${form.id}, ${form.title}, ${trx.tenantId})
    on conflict (id) do update set name = excluded.name`.execute(trx);
  await sql`select id from formulare where id = ${form.id} for update`.execute(trx);
}

/** The newest version imported from exactly these bytes, if any. */
export async function versionBySource(trx: TenantTrx, formularId: string, sha256: string) {
  const { rows } = await sql<{ id: string; version: number }>`
    select id, version from formular_versionen where formular_id = ${formularId} and source_sha256 = ${sha256}
    order by version desc limit 1`.execute(trx);
  return rows[0] ?? null;
}

/** Stores a definition as the next version of its form. */
export async function insertVersion(
  trx: TenantTrx,
  input: {
    definition: FormDefinition;
    warnings: ImportWarning[];
    erzwungen: boolean;
    sha256: string;
    actor: string;
  },
) {
  const { definition } = input;
  const { rows } = await sql<{ id: string; version: number; imported_at: Date }>`
    insert into formular_versionen (formular_id, version, fim_version, xdf_version, definition, warnings, erzwungen,
      source_sha256, imported_by)
    select ${definition.id}, coalesce(max(version), 0) + 1, ${definition.version}, ${definition.xdfVersion},
      ${JSON.stringify(definition)}::jsonb, ${JSON.stringify(input.warnings)}::jsonb, ${input.erzwungen},
      ${input.sha256}, ${input.actor}
    from formular_versionen where formular_id = ${definition.id}
    returning id, version, imported_at`.execute(trx);
  return rows[0]!;
}

export type FormulareRepository = ReturnType<typeof createFormulareRepository>;
