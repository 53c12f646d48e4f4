import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { enqueueJob } from '../../../platform/jobs/jobs.ts';
import { recordEventInTrx } from '../../../platform/outbox/outbox.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import type { ScreenUpload } from '../../ingest/ingest.module.ts';
import { antragErrors } from './antraege.errors.ts';
import { type AntragFile, MAIL_JOB, statusText, TRANSITIONS, UUID } from './antraege.models.ts';
import { type Antrag, byId, loadAntrag } from './antraege.repository.ts';
import { fileAntragDokument } from './antrag-dokumente.ts';
import { statusMail } from './antrag-mails.models.ts';
import {
  closeNachforderung,
  insertAnlage,
  insertNachricht,
  kontaktEmail,
  markBescheid,
  setVorgangStatus,
} from './bearbeitung.repository.ts';

export type StatusInput = { status: string; nachricht?: string | null; bescheidDokumentId?: string | null };

/** The integration event of a status change of the Antrag's Vorgang (outbox, same transaction). */
function recordStatusEvent(trx: TenantTrx, antrag: Antrag, status: string, extra: Record<string, unknown>) {
  return recordEventInTrx(trx, {
    ereignis: 'vorgang.status',
    vorgangId: antrag.vorgangId,
    leistungId: antrag.leistung.id,
    daten: {
      landkreis: { id: trx.tenantId },
      vorgang: { id: antrag.vorgangId, status, vorher: antrag.status },
      antrag: { id: antrag.id, nummer: antrag.nummer, leistung: antrag.leistung },
      ...extra,
    },
  });
}

/** Case work on Anträge (staff) and the citizen's answer to a Nachforderung. */
export function createBearbeitungUsecases({
  database,
  mailEnabled,
  track,
  screenUpload,
}: {
  database: DatabaseHandle;
  mailEnabled: boolean;
  track: (code: string) => Promise<Antrag & { trackingCode: string }>;
  /** The virus scan of documents handed in later (issue 14). */
  screenUpload?: ScreenUpload;
}) {
  async function enqueueMail(trx: TenantTrx, to: string | null, mail: { subject: string; text: string }) {
    if (!mailEnabled || !to) return;
    await enqueueJob(trx, { kind: MAIL_JOB, payload: { to, ...mail }, maxAttempts: 8 });
  }

  /**
   * Case work: moves the Antrag (its Vorgang) on. A Nachforderung needs a message for the citizen;
   * beschieden/abgelehnt may release a Bescheid document of the Vorgang to the citizen.
   */
  async function setStatus(principal: Principal, id: string, input: StatusInput) {
    if (!hasRole(principal, 'sachbearbeitung', 'leitung')) throw antragErrors.caseWorkForbidden();
    if (!UUID.test(id)) throw antragErrors.notFound();
    return database.withTenant(principal.tenantId, async (trx) => {
      const antrag = await loadAntrag(trx, byId(id));
      if (!antrag) throw antragErrors.notFound();
      if (!(TRANSITIONS[antrag.status] ?? []).includes(input.status))
        throw antragErrors.transition(antrag.status, input.status);
      const text = input.nachricht?.trim() ?? '';
      if (input.status === 'nachforderung' && !text) throw antragErrors.nachrichtMissing();
      let bescheid: string | null = null;
      if (input.bescheidDokumentId) {
        if (!['beschieden', 'abgelehnt'].includes(input.status)) throw antragErrors.bescheidWrongStatus();
        bescheid = await markBescheid(trx, antrag.vorgangId, input.bescheidDokumentId);
        if (!bescheid) throw antragErrors.bescheidNotInVorgang();
      }
      await setVorgangStatus(trx, antrag.vorgangId, input.status);
      if (antrag.status === 'nachforderung') await closeNachforderung(trx, id);
      const art = input.status === 'nachforderung' ? 'nachforderung' : bescheid ? 'bescheid' : 'status';
      const citizenText = text || `Der Status Ihres Antrags ist jetzt: ${statusText(input.status)}.`;
      await insertNachricht(trx, {
        antragId: id,
        art,
        text: citizenText,
        dokumentId: bescheid,
        offen: art === 'nachforderung',
        actor: actorOf(principal),
      });
      await enqueueMail(
        trx,
        await kontaktEmail(trx, id),
        statusMail({
          nummer: antrag.nummer,
          status: input.status,
          citizenText,
          bescheid: !!bescheid,
          nachforderung: art === 'nachforderung',
        }),
      );
      await recordStatusEvent(trx, antrag, input.status, { bescheidDokumentId: bescheid });
      await appendAuditEvent(trx, {
        actor: actorOf(principal),
        action: 'services.antrag_status',
        objectType: 'antrag',
        objectId: id,
        data: { von: antrag.status, nach: input.status, bescheid, nachricht: text || null },
      });
      const { definition: _d, ...rest } = (await loadAntrag(trx, byId(id)))!;
      return rest;
    });
  }

  /** The citizen uploads documents asked for by a Nachforderung (via the tracking code). */
  async function nachreichen(code: string, files: AntragFile[], note: string) {
    const antrag = await track(code);
    if (antrag.status !== 'nachforderung') throw antragErrors.noNachforderung();
    if (files.length === 0) throw antragErrors.noFile();
    for (const file of files)
      await screenUpload?.({
        tenantId: antrag.zustaendig.id,
        actor: 'portal',
        source: 'portal.nachreichung',
        fileName: file.fileName,
        sha256: file.blob.sha256,
      });
    return database.withTenant(antrag.zustaendig.id, async (trx) => {
      const vorgang = { id: antrag.vorgangId, akteId: antrag.akteId };
      const start = antrag.anlagen.length;
      for (const [i, file] of files.entries()) {
        const doc = await fileAntragDokument(trx, {
          actor: 'portal',
          vorgang,
          fileName: file.fileName,
          blob: file.blob,
          titel: `Nachreichung: ${file.fileName}`,
        });
        await insertAnlage(trx, {
          antragId: antrag.id,
          nr: start + i + 1,
          dateiname: file.fileName,
          mime: doc.mime,
          groesse: file.blob.size,
          sha256: file.blob.sha256,
          sha512: file.sha512,
          dokumentId: doc.id,
        });
      }
      await setVorgangStatus(trx, antrag.vorgangId, 'in-bearbeitung');
      await closeNachforderung(trx, antrag.id);
      const hinweis = note.trim() ? `: ${note.trim().slice(0, 2000)}` : '.';
      await insertNachricht(trx, {
        antragId: antrag.id,
        art: 'nachreichung',
        text: `${files.length} Unterlage${files.length === 1 ? '' : 'n'} nachgereicht${hinweis}`,
        actor: 'portal',
      });
      await recordStatusEvent(trx, antrag, 'in-bearbeitung', { nachgereicht: files.map((f) => f.fileName) });
      await appendAuditEvent(trx, {
        actor: 'portal',
        action: 'services.antrag_nachreichung',
        objectType: 'antrag',
        objectId: antrag.id,
        data: { dateien: files.map((f) => f.fileName) },
      });
    });
  }

  return { setStatus, nachreichen };
}
