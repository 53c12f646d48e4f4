import type { TenantTrx } from '../../../platform/database/database.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import { findVorlageAkte } from '../anlagen/anlagen.repository.ts';
import { ensureVorlageAkte } from '../anlagen/vorlage-akte.ts';
import { ensureSitzungAkte, fileGenerated, type Generated } from './ablage.ts';
import type { GremienAblage } from './ablage-port.ts';
import {
  renderSitzung,
  renderVorlage,
  requireSitzung,
  requireVorlage,
  type SitzungPdfArt,
} from './erzeugen.ts';
import { deDate } from './pdfa.ts';

/**
 * Filing the council documents in the E-Akte, in the transaction of the state change that makes
 * them final enough to keep (never on a GET): the Einladung when the session is invited (and again
 * when its agenda, time or place change after that), the Niederschrift when it is held (and again
 * when attendance, votes or a Beschluss of a held session change), the Drucksache when the Vorlage
 * is published. fileGenerated files unchanged bytes no second time and a changed rendition as the
 * next version of the same Dokument. The caller holds the row lock of the Sitzung or Vorlage.
 */
export function createGremienAblage({ blobs }: { blobs: BlobStore }): GremienAblage & {
  sitzungAblegen(
    trx: TenantTrx,
    input: { sitzungId: string; actor: string; nur?: SitzungPdfArt },
  ): Promise<Generated[]>;
} {
  return {
    async sitzungAblegen(trx, { sitzungId, actor, nur }) {
      const row = await requireSitzung(trx, sitzungId);
      // A planned or cancelled session's Einladung is a draft: shown, never filed.
      if (row.status === 'geplant' || row.status === 'abgesagt') return [];
      const arten: SitzungPdfArt[] = (['einladung', 'niederschrift'] as const).filter(
        (art) => (nur ?? art) === art && (art === 'einladung' || row.status === 'durchgefuehrt'),
      );
      const filed: Generated[] = [];
      for (const art of arten) {
        const rendered = await renderSitzung(trx, row, art);
        const target = await ensureSitzungAkte(trx, {
          sitzung: { id: sitzungId, titel: `${row.nummer}. Sitzung ${row.gremium} am ${deDate(row.beginn)}` },
          actor,
        });
        filed.push(
          await fileGenerated(trx, {
            objektId: sitzungId,
            art,
            target,
            blob: await blobs.put(rendered.pdf),
            fileName: rendered.fileName,
            titel: rendered.titel,
            intern: rendered.intern,
            actor,
          }),
        );
      }
      return filed;
    },

    async drucksacheAblegen(trx, { vorlageId, actor }) {
      const vorlage = await requireVorlage(trx, vorlageId);
      if (vorlage.status !== 'veroeffentlicht') return null;
      const rendered = await renderVorlage(trx, vorlage);
      const target = await ensureVorlageAkte(trx, {
        vorlage: (await findVorlageAkte(trx, vorlageId))!,
        actor,
      });
      return fileGenerated(trx, {
        objektId: vorlageId,
        art: 'drucksache',
        target,
        blob: await blobs.put(rendered.pdf),
        fileName: rendered.fileName,
        titel: rendered.titel,
        intern: rendered.intern,
        actor,
      });
    },
  };
}
