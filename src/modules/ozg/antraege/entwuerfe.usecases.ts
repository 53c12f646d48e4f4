import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { BlobStore, StoredBlob } from '../../blobs/blobs.module.ts';
import {
  addInstance,
  fileValues,
  pathExists,
  removeInstance,
  setAtPath,
  unflatten,
} from '../formulare/form-data.models.ts';
import { pagesOf } from '../formulare/form-pages.models.ts';
import { type FieldError, validateFormData } from '../formulare/form-validation.models.ts';
import { formularErrors } from '../formulare/formulare.errors.ts';
import type { FormulareUsecases } from '../formulare/formulare.usecases.ts';
import { isActive } from '../leistungen/aktivierungen.repository.ts';
import { leistungErrors } from '../leistungen/leistungen.errors.ts';
import type { LeistungenUsecases } from '../leistungen/leistungen.usecases.ts';
import { UUID } from './antraege.models.ts';
import type { AntraegeUsecases } from './antraege.usecases.ts';
import { entwurfErrors } from './entwuerfe.errors.ts';
import { deleteEntwurf, insertEntwurf, loadEntwurf, saveEntwurf } from './entwuerfe.repository.ts';

type Data = Record<string, unknown>;
const TENANT = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The citizen's form in progress, page by page (works without JavaScript): a draft row of the
 * responsible county, addressed by an unguessable id, expiring after two days. Uploaded files
 * are stored at once (streamed) and referenced from the draft.
 */
export function createEntwuerfeUsecases({
  database,
  blobs,
  leistungen,
  formulare,
  antraege,
}: {
  database: DatabaseHandle;
  blobs: BlobStore;
  leistungen: LeistungenUsecases;
  formulare: FormulareUsecases;
  antraege: AntraegeUsecases;
}) {
  async function start(leistungId: string, ags: string) {
    const leistung = await leistungen.getLeistung(leistungId);
    const { tenant } = await leistungen.resolveZustaendigkeit(ags);
    const form = await formulare.currentForm(leistung);
    return database.withTenant(tenant.id, async (trx) => {
      if (!(await isActive(trx, leistung.id)))
        throw leistungErrors.inactive({
          leistungId: leistung.id,
          leistungName: leistung.name,
          tenantId: tenant.id,
          tenantName: tenant.name,
        });
      const id = await insertEntwurf(trx, {
        leistungId: leistung.id,
        formularVersionId: form?.id ?? null,
        ags,
      });
      return { tenantId: tenant.id, id };
    });
  }

  async function load(tenantId: string, id: string) {
    if (!TENANT.test(tenantId) || !UUID.test(id)) throw entwurfErrors.notFound();
    const row = await database.withTenant(tenantId, (trx) => loadEntwurf(trx, id));
    if (!row) throw entwurfErrors.gone();
    const leistung = await leistungen.getLeistung(row.leistung_id);
    const form = row.formular_version_id ? await formulare.formVersion(row.formular_version_id) : null;
    return {
      id,
      tenantId,
      tenantName: row.tenant_name,
      leistung,
      gemeinde: { ags: row.gemeinde_ags, name: row.gemeinde_name },
      formularVersionId: row.formular_version_id ?? null,
      definition: form?.definition ?? null,
      daten: row.daten,
      anlagen: row.anlagen,
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
    if (!draft.definition) throw formularErrors.notFound();
    const page = pagesOf(draft.definition)[pageIndex];
    if (!page) throw entwurfErrors.seiteNotFound();
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
    await database.withTenant(tenantId, (trx) => saveEntwurf(trx, { id, daten, anlagen }));
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
    await database.withTenant(tenantId, (trx) => deleteEntwurf(trx, id));
    return result;
  }

  /** The first 4 KiB of a stored file (content type detection of the filed document). */
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

export type EntwuerfeUsecases = ReturnType<typeof createEntwuerfeUsecases>;
