import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { actorOf, type Principal } from '../../../platform/http/principal.ts';
import type { ParserLimits } from '../../../platform/parsers/import-parsers.ts';
import { cleanFileName } from '../../../shared/text.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import {
  addDokumentVersion,
  createAkteInTrx,
  createVorgangInTrx,
  fileDokument,
  loadVorgangContext,
  requireWriter,
} from '../../records/records.module.ts';
import { type StoredFile, storeMessageFiles } from './xdomea.import.files.ts';
import type { ImportedXdomeaParts } from './xdomea.import.task.ts';
import { createXdomeaReader, type SpooledZip } from './xdomea.reader.ts';
import { xdomeaRepository as repository } from './xdomea.repository.ts';

/**
 * Import of Abgabe / Aussonderung.0503 messages (3.0.0, 3.1.0) from another DMS into a new Akte,
 * all documents and versions in one transaction.
 */
export function createXdomeaImportUsecases({
  database,
  blobs,
  parserLimits,
}: {
  database: DatabaseHandle;
  blobs: BlobStore;
  /** Heap and wall time of the process that unpacks and parses an import (as for text extraction). */
  parserLimits?: ParserLimits;
}) {
  const reader = createXdomeaReader({ parserLimits });

  /** Imports a foreign xdomea message into a new Akte (unit from the message if it exists here). */
  async function importMessage(principal: Principal, zip: Uint8Array | SpooledZip) {
    requireWriter(principal);
    const message = await reader.readMessage(zip);
    // Blobs first (content-addressed, outside the transaction), then everything else atomically.
    const stored = await storeMessageFiles({ blobs, zip, message });
    const actor = actorOf(principal);
    return database.withTenant(principal.tenantId, async (trx) => {
      const filed = await fileMessage(trx, actor, message, stored);
      await appendAuditEvent(trx, {
        actor,
        action: 'integrations.xdomea_import',
        objectType: 'akte',
        objectId: filed.akte.id,
        data: {
          version: message.version,
          nachrichtentyp: message.nachrichtentyp,
          prozessId: message.prozessId,
          aktenzeichenAlt: message.akte.aktenzeichen,
          vorgaenge: message.vorgaenge.length,
          dokumente: filed.dokumente,
        },
      });
      return {
        id: filed.akte.id,
        aktenzeichen: filed.akte.aktenzeichen,
        vorgaenge: message.vorgaenge.length,
        dokumente: filed.dokumente,
        nachrichtentyp: message.nachrichtentyp,
        version: message.version,
      };
    });
  }

  return { importMessage, parserStats: reader.stats, close: reader.close };
}

/**
 * Files a read message as a new Akte with its Vorgänge and Dokumente (every further file of a
 * Dokument a new version), through the E-Akte's own operations.
 */
async function fileMessage(
  trx: TenantTrx,
  actor: string,
  message: ImportedXdomeaParts,
  stored: StoredFile[][][],
) {
  const unit = message.akte.kennzeichen
    ? await repository.aktenplanUnit(trx, message.akte.kennzeichen)
    : undefined;
  const akte = await createAkteInTrx(trx, actor, {
    titel: message.akte.titel.slice(0, 500) || 'Übernommene Akte (xdomea)',
    aktenplan: unit,
  });
  let dokumente = 0;
  for (const [i, vg] of message.vorgaenge.entries()) {
    const vorgang = await createVorgangInTrx(trx, actor, akte.id, {
      betreff: vg.betreff.slice(0, 500) || 'Übernommener Vorgang',
      externeReferenz: vg.aktenzeichen ? `xdomea:${vg.aktenzeichen}`.slice(0, 200) : null,
    });
    // The Vorgang's context is read once for all its documents.
    const target = { id: vorgang.id, akteId: akte.id, context: await loadVorgangContext(trx, vorgang.id) };
    for (const [j, d] of vg.dokumente.entries()) {
      const files = stored[i]![j]!;
      if (files.length === 0) continue;
      const doc = await fileDokument({
        trx,
        actor,
        vorgang: target,
        file: files[0]!,
        fields: { titel: d.titel || cleanFileName(files[0]!.fileName), datum: d.datum, art: 'eingang' },
      });
      for (const file of files.slice(1))
        await addDokumentVersion({
          trx,
          actor,
          dokumentId: doc.id,
          file,
          kommentar: 'aus xdomea übernommen',
        });
      dokumente++;
    }
  }
  return { akte, dokumente };
}
