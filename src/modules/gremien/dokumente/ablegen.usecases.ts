import type { TenantTrx } from '../../../platform/database/database.ts';
import type { JobHandler } from '../../../platform/jobs/jobs.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import { findVorlageAkte } from '../anlagen/anlagen.repository.ts';
import { ensureVorlageAkte } from '../anlagen/vorlage-akte.ts';
import { ensureSitzungAkte, fileGenerated, type Generated } from './ablage.ts';
import { ABLAGE_JOB, type AblageAuftrag, ablageAuftrag, enqueueAblage } from './ablage-job.ts';
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
 * Filing the council documents in the E-Akte, in the background: the state change that makes
 * them final enough to keep only enqueues a job (ablage-job.ts, one pending job per document) –
 * the Einladung when the session is invited (and again when its agenda, time or place change
 * after that), the Niederschrift when it is held (and again when attendance, votes or a Beschluss
 * of a held session change), the Drucksache when the Vorlage is published. The job renders the
 * current state under the row lock of the Sitzung or Vorlage; fileGenerated files unchanged bytes
 * no second time and a changed rendition as the next version of the same Dokument.
 */
export function createGremienAblage({ blobs }: { blobs: BlobStore }) {
  /** Files the current rendition of one document, if its object is (still) in a state to keep it. */
  async function ablegen(trx: TenantTrx, auftrag: AblageAuftrag): Promise<Generated | null> {
    if (auftrag.art === 'drucksache') {
      const vorlage = await requireVorlage(trx, auftrag.vorlageId, { lock: true });
      if (vorlage.status !== 'veroeffentlicht') return null;
      const rendered = await renderVorlage(trx, vorlage);
      const target = await ensureVorlageAkte(trx, {
        vorlage: (await findVorlageAkte(trx, auftrag.vorlageId))!,
        actor: auftrag.actor,
      });
      return fileGenerated(trx, {
        objektId: auftrag.vorlageId,
        art: 'drucksache',
        target,
        blob: await blobs.put(rendered.pdf),
        fileName: rendered.fileName,
        titel: rendered.titel,
        intern: rendered.intern,
        actor: auftrag.actor,
      });
    }
    const { art, sitzungId, actor } = auftrag;
    const row = await requireSitzung(trx, sitzungId, { lock: true });
    if (!sitzungFaellig(row.status, art)) return null;
    const rendered = await renderSitzung(trx, row, art);
    const target = await ensureSitzungAkte(trx, {
      sitzung: { id: sitzungId, titel: `${row.nummer}. Sitzung ${row.gremium} am ${deDate(row.beginn)}` },
      actor,
    });
    return fileGenerated(trx, {
      objektId: sitzungId,
      art,
      target,
      blob: await blobs.put(rendered.pdf),
      fileName: rendered.fileName,
      titel: rendered.titel,
      intern: rendered.intern,
      actor,
    });
  }

  const handler: JobHandler = async ({ trx, payload }) => {
    await ablegen(trx, ablageAuftrag(payload));
  };

  const port: GremienAblage = {
    async sitzungAblegen(trx, { sitzungId, actor, nur }) {
      const row = await requireSitzung(trx, sitzungId);
      for (const art of ['einladung', 'niederschrift'] as const)
        if ((nur ?? art) === art && sitzungFaellig(row.status, art))
          await enqueueAblage(trx, { art, sitzungId, actor });
    },
    async drucksacheAblegen(trx, { vorlageId, actor }) {
      await enqueueAblage(trx, { art: 'drucksache', vorlageId, actor });
    },
  };
  return { ...port, ablegen, job: [ABLAGE_JOB, handler] as [string, JobHandler] };
}

/** A planned or cancelled session's Einladung is a draft (shown, never filed); a Niederschrift once held. */
function sitzungFaellig(status: string, art: SitzungPdfArt) {
  if (status === 'geplant' || status === 'abgesagt') return false;
  return art === 'einladung' || status === 'durchgefuehrt';
}
