import { createHash } from 'node:crypto';
import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import type { ScreenUpload } from '../../ingest/ingest.module.ts';
import type { FormulareUsecases } from '../formulare/formulare.usecases.ts';
import type { LeistungenUsecases } from '../leistungen/leistungen.usecases.ts';
import { antragErrors } from './antraege.errors.ts';
import { UUID } from './antraege.models.ts';
import {
  antragIdForVorgang,
  bescheidVersion,
  byId,
  byTrackingHash,
  listAntraege,
  loadAntrag,
} from './antraege.repository.ts';
import { createAntragPdfJob, renderPdf } from './antrag-pdf.job.ts';
import { createBearbeitungUsecases } from './bearbeitung.usecases.ts';
import { createEinreichenUsecase } from './einreichen.usecases.ts';
import { parseTrackingCode, trackingHash } from './tracking-code.models.ts';

/** Anträge: submission, the staff's view and case work, the citizen's view by tracking code. */
export function createAntraegeUsecases({
  database,
  blobs,
  leistungen,
  formulare,
  mailEnabled,
  uploadLimitBytes,
  screenUpload,
}: {
  database: DatabaseHandle;
  blobs: BlobStore;
  leistungen: LeistungenUsecases;
  formulare: FormulareUsecases;
  mailEnabled: boolean;
  uploadLimitBytes: number;
  /** The virus scan before attachments are filed (ingest's createUploadScreen). */
  screenUpload?: ScreenUpload;
}) {
  /** Stores an uploaded attachment (streamed) with both hashes. */
  async function storeFile(stream: AsyncIterable<Uint8Array>) {
    const hash = createHash('sha512');
    async function* tee() {
      for await (const chunk of stream) {
        hash.update(chunk);
        yield chunk;
      }
    }
    const blob = await blobs.put(tee(), { maxBytes: uploadLimitBytes });
    return { blob, sha512: hash.digest('hex') };
  }

  /** Staff of the responsible county only; everyone else gets 404. */
  async function get(principal: Principal, id: string) {
    if (!UUID.test(id)) throw antragErrors.notFound();
    const antrag = await database.withTenant(principal.tenantId, (trx) => loadAntrag(trx, byId(id)));
    if (!antrag) throw antragErrors.notFound();
    const { definition: _definition, ...rest } = antrag;
    return rest;
  }

  function list(
    principal: Principal,
    filter: { status?: string; leistung?: string; limit: number; offset: number },
  ) {
    return database.withTenant(principal.tenantId, (trx) => listAntraege(trx, filter));
  }

  /** The citizen's view by tracking code (no account). Unknown or malformed codes: 404. */
  async function track(code: string) {
    const parsed = parseTrackingCode(code);
    if (!parsed) throw antragErrors.codeUnknown();
    const tenantId = await leistungen.tenantByKreisschluessel(parsed.kreisschluessel);
    if (!tenantId) throw antragErrors.codeUnknown();
    const antrag = await database.withTenant(tenantId, (trx) =>
      loadAntrag(trx, byTrackingHash(trackingHash(parsed.code))),
    );
    if (!antrag) throw antragErrors.codeUnknown();
    return { ...antrag, trackingCode: parsed.code };
  }

  /** A Bescheid released to the citizen: only documents named in a Bescheid message of this Antrag. */
  async function bescheid(code: string, dokumentId: string) {
    const antrag = await track(code);
    const released = antrag.nachrichten.find((n) => n.art === 'bescheid' && n.dokumentId === dokumentId);
    if (!released) throw antragErrors.bescheidNotFound();
    return { antrag, dokumentId, tenantId: antrag.zustaendig.id };
  }

  /** The file of a released Bescheid (its current version), or undefined if it is gone. */
  async function bescheidDatei(code: string, dokumentId: string) {
    const released = await bescheid(code, dokumentId);
    const version = await database.withTenant(released.tenantId, (trx) => bescheidVersion(trx, dokumentId));
    return { antrag: released.antrag, version };
  }

  /** The Antrag behind a Vorgang (if it came in through the portal or the API), for Fachverfahren. */
  async function idForVorgang(principal: Principal, vorgangId: string) {
    if (!UUID.test(vorgangId)) return null;
    return database.withTenant(principal.tenantId, (trx) => antragIdForVorgang(trx, vorgangId));
  }

  return {
    storeFile,
    submit: createEinreichenUsecase({ database, blobs, leistungen, formulare, mailEnabled, screenUpload }),
    get,
    list,
    idForVorgang,
    track,
    renderPdf,
    filePdfJob: createAntragPdfJob({ blobs }),
    ...createBearbeitungUsecases({ database, mailEnabled, track, screenUpload }),
    bescheid,
    bescheidDatei,
  };
}

export type AntraegeUsecases = ReturnType<typeof createAntraegeUsecases>;
