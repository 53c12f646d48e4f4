import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import { enqueueJob } from '../../../platform/jobs/jobs.ts';

/** The job kind that files a Drucksache, Einladung or Niederschrift (ablegen.usecases.ts). */
export const ABLAGE_JOB = 'gremien.dokument-ablegen';

export type AblageAuftrag =
  | { art: 'drucksache'; vorlageId: string; actor: string }
  | { art: 'einladung' | 'niederschrift'; sitzungId: string; actor: string };

/** The job's payload as written by enqueueAblage; anything else is a defect of the queue's rows. */
export function ablageAuftrag(payload: Record<string, unknown>): AblageAuftrag {
  const { art, vorlageId, sitzungId, actor } = payload;
  if (typeof actor !== 'string') throw new Error(`${ABLAGE_JOB}: actor fehlt`);
  if (art === 'drucksache' && typeof vorlageId === 'string') return { art, vorlageId, actor };
  if ((art === 'einladung' || art === 'niederschrift') && typeof sitzungId === 'string')
    return { art, sitzungId, actor };
  throw new Error(`${ABLAGE_JOB}: unbekannter Auftrag ${JSON.stringify(payload)}`);
}

/**
 * Enqueues the filing of one document in the state change's transaction. A job for the same
 * document still waiting (not yet claimed) is reused, with the latest actor: many changes of one
 * Sitzung in a row leave one pending job, which renders the state it finds when it runs. The
 * caller holds the row lock of the Sitzung or Vorlage, so two changes never both insert one.
 */
export async function enqueueAblage(trx: TenantTrx, auftrag: AblageAuftrag) {
  const objekt =
    auftrag.art === 'drucksache' ? { vorlageId: auftrag.vorlageId } : { sitzungId: auftrag.sitzungId };
  const payload = { art: auftrag.art, ...objekt, actor: auftrag.actor };
  const [key, id] = Object.entries(objekt)[0]!;
  const pending = await trx
    .updateTable('jobs')
    .set({ payload: JSON.stringify(payload) })
    .where('kind', '=', ABLAGE_JOB)
    .where('status', '=', 'queued')
    .where(sql<boolean>`payload->>'art' = ${auftrag.art} and payload->>${key} = ${id}`)
    .returning('id')
    .executeTakeFirst();
  if (pending) return { jobId: pending.id, neu: false };
  return { ...(await enqueueJob(trx, { kind: ABLAGE_JOB, payload })), neu: true };
}
