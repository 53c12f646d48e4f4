import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { actorOf, type Principal } from '../../../platform/http/principal.ts';
import type { ParserLimits } from '../../../platform/parsers/import-parsers.ts';
import { notFound } from '../../../shared/errors.ts';
import { cleanFileName } from '../../../shared/text.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import {
  addDokumentVersion,
  createAkteInTrx,
  createVorgangInTrx,
  fileDokument,
  loadVisibleAkte,
  loadVorgangContext,
  requireWriter,
  viewerOf,
} from '../../records/records.module.ts';
import { xdomeaErrors } from './xdomea.errors.ts';
import { buildXdomeaAbgabe } from './xdomea.export.ts';
import { type StoredFile, storeMessageFiles } from './xdomea.import.files.ts';
import type { ImportedXdomeaParts } from './xdomea.import.task.ts';
import { exportBytes, toXdomeaAkte, XDOMEA_EXPORT_LIMIT_BYTES } from './xdomea.models.ts';
import { createXdomeaReader, type SpooledZip } from './xdomea.reader.ts';
import { xdomeaRepository as repository } from './xdomea.repository.ts';

/**
 * xdomea exchange of the E-Akte: export of an Akte (or one Vorgang) as an xdomea 3.0.0
 * Abgabe.0401 message zip, and import of Abgabe / Aussonderung.0503 messages (3.0.0, 3.1.0)
 * from another DMS into a new Akte, all documents and versions in one transaction.
 */
export function createXdomeaUsecases({
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

  async function exportAkte(principal: Principal, akteId: string, options: { vorgangId?: string } = {}) {
    const data = await database.withTenant(principal.tenantId, async (trx) => {
      const viewer = await viewerOf(trx, principal);
      const akte = await loadVisibleAkte(trx, viewer, akteId);
      const { vorgaenge, dokumente } = await repository.exportRows(trx, viewer, akteId, options.vorgangId);
      if (options.vorgangId && vorgaenge.length === 0) throw notFound('vorgang', 'Der Vorgang');
      const tenant = await repository.sender(trx);
      await appendAuditEvent(trx, {
        actor: actorOf(principal),
        action: 'integrations.xdomea_export',
        objectType: options.vorgangId ? 'vorgang' : 'akte',
        objectId: options.vorgangId ?? akteId,
        data: { vorgaenge: vorgaenge.length, versionen: dokumente.length },
      });
      return { akte, vorgaenge, dokumente, tenant };
    });
    if (exportBytes(data.dokumente) > XDOMEA_EXPORT_LIMIT_BYTES) throw xdomeaErrors.tooLarge();
    return buildXdomeaAbgabe({
      akte: await toXdomeaAkte({ ...data, readBytes: (sha256) => blobs.read(sha256) }),
      onlyVorgangId: options.vorgangId,
      sender: {
        behoerde: data.tenant.name,
        kennung: data.tenant.kreisschluessel,
        system: 'Verbund E-Government',
      },
    });
  }

  async function exportVorgang(principal: Principal, vorgangId: string) {
    if (!/^[0-9a-f-]{36}$/i.test(vorgangId)) throw notFound('vorgang', 'Der Vorgang');
    const akteId = await database.withTenant(principal.tenantId, async (trx) =>
      repository.akteOfVorgang(trx, await viewerOf(trx, principal), vorgangId),
    );
    if (!akteId) throw notFound('vorgang', 'Der Vorgang');
    return exportAkte(principal, akteId, { vorgangId });
  }

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

  return { exportAkte, exportVorgang, importMessage, parserStats: reader.stats, close: reader.close };
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
    for (const [j, d] of vg.dokumente.entries()) {
      const files = stored[i]![j]!;
      if (files.length === 0) continue;
      const doc = await fileDokument({
        trx,
        actor,
        vorgang: { id: vorgang.id, akteId: akte.id },
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

export type XdomeaUsecases = ReturnType<typeof createXdomeaUsecases>;
