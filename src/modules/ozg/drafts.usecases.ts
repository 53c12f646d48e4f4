import { sql } from 'kysely';
import type { DatabaseHandle } from '../../platform/database/database.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import type { BlobStore, StoredBlob } from '../blobs/blobs.module.ts';
import type { AntraegeUsecases } from './antraege.usecases.ts';
import type { CatalogUsecases } from './catalog.usecases.ts';
import type { FormDefinition, FormNode } from './fim/form.models.ts';
import {
  type FieldError,
  type FileValue,
  setAtPath,
  unflatten,
  validateFormData,
} from './fim/form.values.ts';

/** One page of the portal form: a top-level group, or the run of top-level fields. */
export type FormPage = { title: string; nodes: FormNode[] };

export function pagesOf(definition: FormDefinition): FormPage[] {
  const pages: FormPage[] = [];
  let loose: FormNode[] = [];
  const flush = () => {
    if (loose.length)
      pages.push({ title: pages.length === 0 ? 'Allgemeine Angaben' : 'Weitere Angaben', nodes: loose });
    loose = [];
  };
  for (const node of definition.children) {
    if (node.kind === 'group') {
      flush();
      pages.push({ title: node.label, nodes: [node] });
    } else loose.push(node);
  }
  flush();
  return pages;
}

type Data = Record<string, unknown>;
type DraftFile = { nr: number; fileName: string; sha256: string; size: number; sha512: string };

/** Every file value in the data with its path (`G1.F2`, `G3[1].F4`). */
export function fileValues(data: unknown, prefix = ''): Array<{ path: string; value: FileValue }> {
  const out: Array<{ path: string; value: FileValue }> = [];
  if (!data || typeof data !== 'object') return out;
  for (const [key, value] of Object.entries(data as Data)) {
    const items = Array.isArray(value)
      ? value.map((v, i) => [`${prefix}${key}[${i}]`, v] as const)
      : [[`${prefix}${key}`, value] as const];
    for (const [path, item] of items) {
      if (item && typeof item === 'object' && 'anlage' in item) out.push({ path, value: item as FileValue });
      else out.push(...fileValues(item, `${path}.`));
    }
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The citizen's form in progress, page by page (works without JavaScript): a draft row of the
 * responsible county, addressed by an unguessable id, expiring after two days. Uploaded files
 * are stored at once (streamed) and referenced from the draft.
 */
export function createDraftUsecases({
  database,
  blobs,
  catalog,
  antraege,
}: {
  database: DatabaseHandle;
  blobs: BlobStore;
  catalog: CatalogUsecases;
  antraege: AntraegeUsecases;
}) {
  async function start(leistungId: string, ags: string) {
    const leistung = await catalog.getLeistung(leistungId);
    const { tenant } = await catalog.resolveZustaendigkeit(ags);
    const form = await catalog.currentForm(leistung);
    return database.withTenant(tenant.id, async (trx) => {
      const active = await sql<{
        aktiv: boolean;
      }>`select aktiv from leistung_aktivierungen where leistung_id = ${leistung.id}`.execute(trx);
      if (!active.rows[0]?.aktiv)
        throw new AppError({
          code: 'leistung.inactive',
          status: 422,
          message: 'service not active',
          messageDe: `${tenant.name} bietet „${leistung.name}“ derzeit nicht online an.`,
        });
      const { rows } = await sql<{ id: string }>`
        insert into antrag_entwuerfe (tenant_id, leistung_id, formular_version_id, gemeinde_ags)
        values (${trx.tenantId}, ${leistung.id}, ${form?.id ?? null}::uuid, ${ags}) returning id`.execute(
        trx,
      );
      return { tenantId: tenant.id, id: rows[0]!.id };
    });
  }

  async function load(tenantId: string, id: string) {
    if (!TENANT.test(tenantId) || !UUID.test(id)) throw notFound('entwurf', 'Der Antrag in Bearbeitung');
    const row = await database.withTenant(tenantId, async (trx) => {
      const { rows } = await sql<Record<string, unknown>>`
        select e.*, g.name as gemeinde_name, t.name as tenant_name from antrag_entwuerfe e
        join gemeinden g on g.ags = e.gemeinde_ags join tenants t on t.id = e.tenant_id
        where e.id = ${id}::uuid and e.expires_at > now()`.execute(trx);
      return rows[0];
    });
    if (!row)
      throw notFound('entwurf', 'Der Antrag in Bearbeitung (er ist abgelaufen oder wurde schon abgeschickt)');
    const leistung = await catalog.getLeistung(row.leistung_id as string);
    const form = row.formular_version_id
      ? await catalog.formVersion(row.formular_version_id as string)
      : null;
    return {
      id,
      tenantId,
      tenantName: row.tenant_name as string,
      leistung,
      gemeinde: { ags: row.gemeinde_ags as string, name: row.gemeinde_name as string },
      formularVersionId: (row.formular_version_id as string) ?? null,
      definition: form?.definition ?? null,
      daten: row.daten as Data,
      anlagen: row.anlagen as DraftFile[],
    };
  }

  /**
   * Saves one page: the posted fields replace that page's part of the data; files uploaded now
   * replace earlier ones for the same field, fields without a new file keep their earlier file.
   * `aktion` add:PATH / remove:PATH[i] adds or removes an instance of a repeatable group.
   * Returns the errors of this page (empty when it may go on).
   */
  async function savePage(
    tenantId: string,
    id: string,
    pageIndex: number,
    fields: Record<string, string>,
    uploads: Array<{ field: string; fileName: string; blob: StoredBlob; sha512: string }>,
  ) {
    const draft = await load(tenantId, id);
    if (!draft.definition) throw notFound('formular', 'Das Formular');
    const page = pagesOf(draft.definition)[pageIndex];
    if (!page) throw notFound('seite', 'Die Seite');
    const posted = unflatten(fields);
    const daten: Data = { ...draft.daten };
    const old: Data = {};
    for (const node of page.nodes) {
      old[node.id] = draft.daten[node.id];
      if (posted[node.id] === undefined) delete daten[node.id];
      else daten[node.id] = posted[node.id];
    }
    // Keep earlier files where nothing new was chosen.
    for (const { path, value } of fileValues(old)) {
      const now = fileValues(daten).find((f) => f.path === path);
      if (!now && pathExists(daten, path)) setAtPath(daten, path, value);
    }
    const anlagen = [...draft.anlagen];
    for (const upload of uploads) {
      const path = upload.field.replace(/^d\./, '');
      const nr = (anlagen.at(-1)?.nr ?? 0) + 1;
      anlagen.push({
        nr,
        fileName: upload.fileName,
        sha256: upload.blob.sha256,
        size: upload.blob.size,
        sha512: upload.sha512,
      });
      setAtPath(daten, path, { anlage: nr, dateiname: upload.fileName });
    }
    const aktion = fields._aktion ?? 'weiter';
    let errors: FieldError[] = [];
    if (aktion.startsWith('add:')) addInstance(daten, aktion.slice(4));
    else if (aktion.startsWith('remove:')) removeInstance(daten, aktion.slice(7));
    else if (aktion === 'weiter')
      errors = validateFormData(draft.definition, daten, {
        partial: new Set(page.nodes.map((n) => n.id)),
      }).errors;
    await database.withTenant(tenantId, (trx) =>
      sql`update antrag_entwuerfe set daten = ${JSON.stringify(daten)}::jsonb, anlagen = ${JSON.stringify(anlagen)}::jsonb,
        expires_at = now() + interval '2 days' where id = ${id}::uuid`.execute(trx),
    );
    return { errors, aktion, daten };
  }

  async function submit(tenantId: string, id: string) {
    const draft = await load(tenantId, id);
    const files = [];
    const daten = structuredClone(draft.daten);
    for (const { path, value } of fileValues(daten)) {
      const file = draft.anlagen.find((a) => a.nr === value.anlage);
      if (!file) continue;
      setAtPath(daten, path, null);
      const head = await headOf(file.sha256);
      files.push({
        field: path,
        fileName: file.fileName,
        blob: { sha256: file.sha256, size: file.size, head },
        sha512: file.sha512,
      });
    }
    const result = await antraege.submit({
      leistung: draft.leistung.id,
      gemeinde: draft.gemeinde.ags,
      daten,
      files,
      quelle: 'portal',
      actor: 'portal',
      formularVersionId: draft.formularVersionId,
    });
    await database.withTenant(tenantId, (trx) =>
      sql`delete from antrag_entwuerfe where id = ${id}::uuid`.execute(trx),
    );
    return result;
  }

  async function headOf(sha256: string) {
    const { body } = await blobs.stream(sha256);
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    while (size < 4096) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
    await reader.cancel().catch(() => {});
    return Buffer.concat(chunks).subarray(0, 4096);
  }

  return { start, load, savePage, submit };
}

/** The object that holds the last segment of `path` (walking groups and list entries), or null. */
function parentOf(data: Data, path: string) {
  const segments = path.split('.');
  const key = segments.pop()!;
  let current: unknown = data;
  for (const segment of segments) {
    const m = /^([^[]+)(?:\[(\d+)\])?$/.exec(segment);
    if (!m || !current || typeof current !== 'object') return null;
    current = (current as Data)[m[1]!];
    if (m[2] !== undefined) current = Array.isArray(current) ? current[Number(m[2])] : undefined;
  }
  return current && typeof current === 'object' ? { parent: current as Data, key } : null;
}

const pathExists = (data: Data, path: string) => parentOf(data, path) !== null;

function addInstance(data: Data, path: string) {
  if (!/^[\w.[\]-]+$/.test(path)) return;
  const target = parentOf(data, path);
  if (!target) return;
  const list = Array.isArray(target.parent[target.key]) ? (target.parent[target.key] as unknown[]) : [];
  if (list.length >= 99) return;
  list.push({});
  target.parent[target.key] = list;
}

function removeInstance(data: Data, pathWithIndex: string) {
  const m = /^(.+)\[(\d+)\]$/.exec(pathWithIndex);
  if (!m) return;
  const target = parentOf(data, m[1]!);
  const list = target?.parent[target.key];
  if (Array.isArray(list)) list.splice(Number(m[2]), 1);
}

export type DraftUsecases = ReturnType<typeof createDraftUsecases>;
