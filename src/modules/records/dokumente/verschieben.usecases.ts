import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { actorOf, type Principal } from '../../../platform/http/principal.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { reindexDokument } from '../../search/search.module.ts';
import { requireWriter } from '../viewer/viewer.models.ts';
import { inViewerTenant } from '../viewer/viewer.ts';
import { loadVisibleVorgang } from '../vorgaenge/vorgaenge.usecases.ts';
import { akteClosed, sourceAkteClosed } from './dokumente.errors.ts';
import { loadVisibleDokument } from './dokumente.repository.ts';
import { moveDokumentRow } from './verschieben.repository.ts';

/**
 * Moving a document into another Vorgang (also of another Akte) of the same county – the filing
 * suggestion's "In vorgeschlagenen Vorgang verschieben", the API and every other caller use this.
 */
export function createDokumentVerschieben({ database }: { database: DatabaseHandle }) {
  const inTenant = inViewerTenant(database);

  /**
   * Checked in the caller's county (RLS: another county's document or Vorgang is not found, 404):
   * the caller may write, sees the document and the target Vorgang, neither Akte is closed (z.d.A.,
   * 409). Audited in the county's hash chain with where it came from; the search index follows.
   * Moving into the Vorgang it is in already changes nothing and writes no event.
   */
  async function move({
    principal,
    dokumentId,
    vorgangId,
  }: {
    principal: Principal;
    dokumentId: string;
    vorgangId: string;
  }) {
    requireWriter(principal);
    return inTenant(principal, async (trx, viewer) => {
      const dokument = await loadVisibleDokument(trx, viewer, dokumentId);
      const target = await loadVisibleVorgang(trx, viewer, vorgangId);
      if (target.id === dokument.vorgangId) return dokument;
      const source = await loadVisibleVorgang(trx, viewer, dokument.vorgangId);
      if (source.akteStatus === 'zda') throw sourceAkteClosed();
      if (
        target.akteStatus === 'zda' ||
        !(await moveDokumentRow(trx, { id: dokument.id, vorgangId: target.id }))
      )
        throw akteClosed();
      await reindexDokument(trx, dokument.id);
      await appendAuditEvent(trx, {
        actor: actorOf(principal),
        action: 'records.dokument_verschoben',
        objectType: 'dokument',
        objectId: dokument.id,
        data: {
          von: { vorgangId: source.id, akteId: source.akteId, aktenzeichen: source.aktenzeichen },
          nach: { vorgangId: target.id, akteId: target.akteId, aktenzeichen: target.aktenzeichen },
        },
      });
      return loadVisibleDokument(trx, viewer, dokument.id);
    });
  }

  return { move };
}
