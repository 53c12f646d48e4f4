import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { forbidden } from '../../../shared/errors.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import type { BlobStore, StoredBlob } from '../../blobs/blobs.module.ts';
import { fileDokument, type UploadedFile } from '../../records/records.module.ts';
import { gremienErrors } from '../gremien.errors.ts';
import { reopenVorlage } from '../vorlagen/vorlagen.repository.ts';
import { anlagenErrors } from './anlagen.errors.ts';
import {
  type AnlageRow,
  findAnlage,
  findVorlageAkte,
  insertAnlage,
  listAnlagen,
} from './anlagen.repository.ts';
import { ensureVorlageAkte } from './vorlage-akte.ts';

const EDITORS = ['sachbearbeitung', 'leitung', 'kreis-admin'] as const;
const FROZEN = ['veroeffentlicht', 'zurueckgezogen'];

export const anlageOf = (row: AnlageRow) => ({
  id: row.id,
  vorlageId: row.vorlage_id,
  dokumentId: row.dokument_id,
  titel: row.titel,
  oeffentlich: row.oeffentlich,
  position: row.position,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});
export type Anlage = ReturnType<typeof anlageOf>;

/** What the transport hands over after streaming the upload into the blob store. */
export type AnlageUpload = { file: UploadedFile; titel: string | null; oeffentlich: boolean | null };

async function editableVorlage(trx: TenantTrx, id: string, { lock = false } = {}) {
  const vorlage = await findVorlageAkte(trx, id, { lock });
  if (!vorlage) throw gremienErrors.vorlageNotFound();
  if (FROZEN.includes(vorlage.status)) throw anlagenErrors.frozen(vorlage.status);
  return vorlage;
}

function checkTitel(titel: string) {
  if (titel.length < 1 || titel.length > 500) throw anlagenErrors.titel();
  return titel;
}

/** Anlagen of a Vorlage: files in the Vorlage's own Akte, frozen once the Vorlage is published. */
export function createAnlagenUsecases({
  database,
  blobs,
  uploadLimitBytes,
}: {
  database: DatabaseHandle;
  blobs: BlobStore;
  uploadLimitBytes: number;
}) {
  const store = (stream: AsyncIterable<Uint8Array>): Promise<StoredBlob> =>
    blobs.put(stream, { maxBytes: uploadLimitBytes });

  return {
    /**
     * Adds an Anlage: the Vorlage is checked before a byte is stored, the transport streams the file
     * into `store`, then — under the Vorlage's row lock — the file is filed as a Dokument into the
     * Vorlage's Akte (the E-Akte's one filing use-case) and listed as the next Anlage. A Vorlage
     * that was freigegeben goes back to Entwurf (its content changed). A nichtöffentliche Vorlage's
     * Anlagen are never öffentlich.
     */
    async upload({
      principal,
      vorlageId,
      receive,
    }: {
      principal: Principal;
      vorlageId: string;
      receive: (store: (stream: AsyncIterable<Uint8Array>) => Promise<StoredBlob>) => Promise<AnlageUpload>;
    }) {
      if (!hasRole(principal, ...EDITORS)) throw forbidden();
      await database.withTenant(principal.tenantId, (trx) => editableVorlage(trx, vorlageId));
      const upload = await receive(store);
      const titel = checkTitel((upload.titel ?? upload.file.fileName).trim());
      const actor = actorOf(principal);
      return database.withTenant(principal.tenantId, async (trx) => {
        const vorlage = await editableVorlage(trx, vorlageId, { lock: true });
        const oeffentlich = vorlage.oeffentlich && (upload.oeffentlich ?? true);
        const { akteId, vorgangId } = await ensureVorlageAkte(trx, { vorlage, actor });
        const dokument = await fileDokument({
          trx,
          actor,
          vorgang: { id: vorgangId, akteId },
          file: upload.file,
          fields: { titel, art: 'intern', ...(oeffentlich ? {} : { vertraulichkeit: 'intern' as const }) },
        });
        const row = await insertAnlage(trx, { vorlageId, dokumentId: dokument.id, titel, oeffentlich });
        if (vorlage.status === 'freigegeben') await reopenVorlage(trx, vorlageId);
        await appendAuditEvent(trx, {
          actor,
          action: 'gremien.anlage_hinzugefuegt',
          objectType: 'vorlage',
          objectId: vorlageId,
          data: {
            anlageId: row.id,
            dokumentId: dokument.id,
            titel,
            oeffentlich,
            sha256: dokument.sha256,
            freigabeAufgehoben: vorlage.status === 'freigegeben',
          },
        });
        return anlageOf(row);
      });
    },

    async list(principal: Principal, vorlageId: string) {
      return database.withTenant(principal.tenantId, async (trx) => {
        if (!(await findVorlageAkte(trx, vorlageId))) throw gremienErrors.vorlageNotFound();
        return { items: (await listAnlagen(trx, vorlageId)).map(anlageOf) };
      });
    },

    /** The Anlage of this Vorlage (its content is read through the E-Akte, under its viewer rule). */
    async get(principal: Principal, { vorlageId, anlageId }: { vorlageId: string; anlageId: string }) {
      return database.withTenant(principal.tenantId, async (trx) => {
        const row = await findAnlage(trx, { vorlageId, id: anlageId });
        if (!row) throw anlagenErrors.anlageNotFound();
        return anlageOf(row);
      });
    },
  };
}

export type AnlagenUsecases = ReturnType<typeof createAnlagenUsecases>;
