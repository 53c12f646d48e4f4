import type { TenantTrx } from '../../../platform/database/database.ts';
import type { StoredBlob } from '../../blobs/blobs.module.ts';
import {
  addDokumentVersion,
  createAkteInTrx,
  createVorgangInTrx,
  fileDokument,
} from '../../records/records.module.ts';
import { gremienKennzeichen } from '../anlagen/vorlage-akte.ts';
import { findSitzungAkte, lockGenerated, saveGenerated, setSitzungAkte } from './dokumente.repository.ts';

export type Generated = { dokumentId: string; version: number; neu: boolean };

/**
 * Files a generated PDF into the E-Akte: the first rendition as a new Dokument, a changed one as
 * its next version, an unchanged one (same SHA-256) not at all. The caller holds the row lock of
 * the Vorlage or Sitzung, so two generations at once file one Dokument.
 */
export async function fileGenerated(
  trx: TenantTrx,
  input: {
    objektId: string;
    art: 'drucksache' | 'einladung' | 'niederschrift';
    target: { akteId: string; vorgangId: string };
    blob: StoredBlob;
    fileName: string;
    titel: string;
    intern: boolean;
    actor: string;
  },
): Promise<Generated> {
  const { objektId, art, blob, actor } = input;
  const file = { fileName: input.fileName, blob };
  const current = await lockGenerated(trx, { objektId, art });
  if (current?.sha256 === blob.sha256)
    return { dokumentId: current.dokument_id, version: current.version, neu: false };
  if (current) {
    const version = await addDokumentVersion({
      trx,
      actor,
      dokumentId: current.dokument_id,
      file,
      kommentar: 'Aus den geänderten Daten neu erzeugt',
    });
    await saveGenerated(trx, {
      objektId,
      art,
      dokumentId: current.dokument_id,
      sha256: blob.sha256,
      version,
    });
    return { dokumentId: current.dokument_id, version, neu: true };
  }
  const filed = await fileDokument({
    trx,
    actor,
    vorgang: { id: input.target.vorgangId, akteId: input.target.akteId },
    file,
    fields: {
      titel: input.titel,
      art: art === 'niederschrift' ? 'intern' : 'ausgang',
      ...(input.intern ? { vertraulichkeit: 'intern' as const } : {}),
    },
  });
  await saveGenerated(trx, { objektId, art, dokumentId: filed.id, sha256: blob.sha256, version: 1 });
  return { dokumentId: filed.id, version: 1, neu: true };
}

/** The session's own Akte (Einladung, Niederschrift), created on the first filing; locks the session. */
export async function ensureSitzungAkte(
  trx: TenantTrx,
  { sitzung, actor }: { sitzung: { id: string; titel: string }; actor: string },
) {
  const current = await findSitzungAkte(trx, sitzung.id);
  if (current?.akte_id && current.vorgang_id)
    return { akteId: current.akte_id, vorgangId: current.vorgang_id };
  const akte = await createAkteInTrx(trx, actor, {
    titel: sitzung.titel,
    aktenplan: await gremienKennzeichen(trx),
  });
  const vorgang = await createVorgangInTrx(trx, actor, akte.id, { betreff: 'Einladung und Niederschrift' });
  await setSitzungAkte(trx, { sitzungId: sitzung.id, akteId: akte.id, vorgangId: vorgang.id });
  return { akteId: akte.id, vorgangId: vorgang.id };
}
