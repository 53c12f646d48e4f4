import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { actorOf, type Principal } from '../../../platform/http/principal.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import type { ScreenUpload } from '../../ingest/ingest.module.ts';
import { reindexDokument } from '../../search/search.module.ts';
import { requireWriter } from '../viewer/viewer.models.ts';
import { inViewerTenant } from '../viewer/viewer.ts';
import { vorgangNotFound } from '../vorgaenge/vorgaenge.errors.ts';
import { loadVisibleVorgang } from '../vorgaenge/vorgaenge.usecases.ts';
import { akteClosed } from './dokumente.errors.ts';
import {
  type DokumentInput,
  dokumentChanges,
  type UploadedFile,
  type VorgangContext,
} from './dokumente.models.ts';
import {
  listVisibleDokumente,
  loadVisibleDokument,
  loadVisibleVorgangContext,
  updateDokument,
} from './dokumente.repository.ts';
import { addDokumentVersion, fileDokument } from './filing.usecases.ts';
import { createDokumentVerschieben } from './verschieben.usecases.ts';
import { listVersions, loadVersionFile, loadVersionText } from './versionen.repository.ts';

/** Takes a streamed file into the blob store (size-limited, hashed) and tells what was stored. */
export type BlobSink = (stream: AsyncIterable<Uint8Array>) => ReturnType<BlobStore['put']>;

/** The Dokument use-cases as routes and pages call them (records.dokumente.*). */
export function createDokumenteUsecases({
  database,
  blobs,
  uploadLimitBytes,
  screenUpload,
}: {
  database: DatabaseHandle;
  blobs: BlobStore;
  uploadLimitBytes: number;
  /** The virus scan before filing (ingest's createUploadScreen); refuses by throwing. */
  screenUpload?: ScreenUpload;
}) {
  const inTenant = inViewerTenant(database);
  const screen = (principal: Principal, file: UploadedFile) =>
    screenUpload?.({
      tenantId: principal.tenantId,
      actor: actorOf(principal),
      source: 'records.upload',
      fileName: file.fileName,
      sha256: file.blob.sha256,
    });

  /** Checks before a single byte is stored that the caller may write into the Vorgang. */
  async function writableVorgang(principal: Principal, vorgangId: string) {
    requireWriter(principal);
    return inTenant(principal, async (trx, viewer) => {
      const vorgang = await loadVisibleVorgang(trx, viewer, vorgangId);
      if (vorgang.akteStatus === 'zda') throw akteClosed();
      return vorgang;
    });
  }

  /**
   * The same check as writableVorgang (visible by the viewer rule, writable, Akte open) in one
   * round trip, for the upload hot path; returns what the new document needs.
   */
  async function uploadTarget(principal: Principal, vorgangId: string): Promise<VorgangContext> {
    requireWriter(principal);
    const context = await loadVisibleVorgangContext(database, principal, vorgangId);
    if (!context) throw vorgangNotFound();
    if (context.akte_status === 'zda') throw akteClosed();
    return context;
  }

  /** Checks that the caller may add a version to the document (visible, writable, Akte open). */
  async function writableDokument(principal: Principal, dokumentId: string) {
    requireWriter(principal);
    const dokument = await inTenant(principal, (trx, viewer) => loadVisibleDokument(trx, viewer, dokumentId));
    await writableVorgang(principal, dokument.vorgangId);
    return dokument;
  }

  /** A new immutable version of the content (blob already stored); earlier versions stay downloadable. */
  async function addVersion(
    principal: Principal,
    dokumentId: string,
    file: UploadedFile,
    kommentar?: string | null,
  ) {
    requireWriter(principal);
    return inTenant(principal, async (trx, viewer) => {
      await loadVisibleDokument(trx, viewer, dokumentId);
      await addDokumentVersion({ trx, actor: actorOf(principal), dokumentId, file, kommentar });
      return loadVisibleDokument(trx, viewer, dokumentId);
    });
  }

  /** Where the transport streams an upload: the blob store, limited to the upload limit. */
  const store: BlobSink = (stream) => blobs.put(stream, { maxBytes: uploadLimitBytes });

  return {
    /**
     * The upload of the API and the form, one operation (rt): the Vorgang is checked before a byte
     * is stored (visible, writable, Akte open), the transport streams the file into `store` and
     * hands back the file and its fields, then the document is filed in one round trip.
     */
    async upload({
      principal,
      vorgangId,
      receive,
    }: {
      principal: Principal;
      vorgangId: string;
      receive: (store: BlobSink) => Promise<{ file: UploadedFile; fields: DokumentInput }>;
    }) {
      const context = await uploadTarget(principal, vorgangId);
      const { file, fields } = await receive(store);
      await screen(principal, file);
      return fileDokument({
        database,
        tenantId: principal.tenantId,
        actor: actorOf(principal),
        vorgang: { id: context.id, akteId: context.akte_id, context },
        file,
        fields,
      });
    },

    /** A new version by upload (API and form), one operation: checked, streamed into `store`, added. */
    async uploadVersion({
      principal,
      dokumentId,
      receive,
    }: {
      principal: Principal;
      dokumentId: string;
      receive: (store: BlobSink) => Promise<{ file: UploadedFile; kommentar: string | null }>;
    }) {
      await writableDokument(principal, dokumentId);
      const { file, kommentar } = await receive(store);
      await screen(principal, file);
      return addVersion(principal, dokumentId, file, kommentar);
    },

    addVersion,

    /** Moving a document into another Vorgang of the county (verschieben.usecases.ts). */
    move: createDokumentVerschieben({ database }).move,

    async get(principal: Principal, id: string) {
      return inTenant(principal, (trx, viewer) => loadVisibleDokument(trx, viewer, id));
    },

    async update(principal: Principal, id: string, input: DokumentInput) {
      requireWriter(principal);
      return inTenant(principal, async (trx, viewer) => {
        await loadVisibleDokument(trx, viewer, id);
        await updateDokument(trx, id, dokumentChanges(input));
        await reindexDokument(trx, id);
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'records.dokument_updated',
          objectType: 'dokument',
          objectId: id,
          data: Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
        });
        return loadVisibleDokument(trx, viewer, id);
      });
    },

    async listForVorgang(principal: Principal, vorgangId: string, page: { limit: number; offset: number }) {
      return inTenant(principal, async (trx, viewer) => {
        await loadVisibleVorgang(trx, viewer, vorgangId);
        return listVisibleDokumente(trx, { viewer, vorgangId, page });
      });
    },

    async versions(principal: Principal, id: string) {
      return inTenant(principal, async (trx, viewer) => {
        await loadVisibleDokument(trx, viewer, id);
        return listVersions(trx, id);
      });
    },

    /** The extracted text of a version (for the preview of non-PDF documents). */
    async text(principal: Principal, id: string, version?: number) {
      return inTenant(principal, async (trx, viewer) => {
        const dokument = await loadVisibleDokument(trx, viewer, id);
        return loadVersionText(trx, id, version ?? dokument.version);
      });
    },

    /** Metadata and a verified stream of one version's content. */
    async content(principal: Principal, id: string, version?: number) {
      const meta = await inTenant(principal, async (trx, viewer) => {
        const dokument = await loadVisibleDokument(trx, viewer, id);
        return loadVersionFile(trx, id, version ?? dokument.version);
      });
      const { body, size } = await blobs.stream(meta.sha256);
      return { ...meta, groesse: size, body };
    },
  };
}

export type DokumenteUsecases = ReturnType<typeof createDokumenteUsecases>;
