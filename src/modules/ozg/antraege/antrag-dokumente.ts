import type { TenantTrx } from '../../../platform/database/database.ts';
import type { StoredBlob } from '../../blobs/blobs.module.ts';
import { fileDokument } from '../../records/records.module.ts';

/**
 * Files a document of an Antrag (its PDF/A form, a Nachreichung) into its Vorgang, in the caller's
 * transaction — through the records module's one way of filing a document. (The submission files
 * its documents inside its one statement: submission.repository.ts.)
 */
export function fileAntragDokument(
  trx: TenantTrx,
  input: {
    actor: string;
    vorgang: { id: string; akteId: string };
    fileName: string;
    blob: StoredBlob;
    titel: string;
  },
) {
  return fileDokument({
    trx,
    actor: input.actor,
    vorgang: input.vorgang,
    file: { fileName: input.fileName, blob: input.blob },
    fields: { titel: input.titel, art: 'eingang' },
  });
}
