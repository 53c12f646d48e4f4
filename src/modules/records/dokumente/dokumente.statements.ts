import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { jobInsert, jobWakeUp } from '../../../platform/jobs/job-statements.ts';
import { outboxInsert } from '../../../platform/outbox/outbox.ts';
import { auditAppendCtes } from '../../audit/audit.module.ts';
import { newDokumentIndex } from '../../search/search.module.ts';
import {
  type DokumentFields,
  EXTRACT_JOB,
  newDokumentValues,
  type UploadedFile,
  type VorgangContext,
} from './dokumente.models.ts';

/*
 * The one-round-trip statement that files a document, assembled from the pieces of their owners:
 * the search columns from the indexer (search), the job row from jobs, the outbox row from outbox,
 * the audit append from audit. Only dokumente.repository.ts and the submission of an Antrag (which
 * files several documents in its own statement) run it.
 */

export type FilingInput = {
  tenantId: string;
  /** The new document's id when the caller chose it (an intake that registered it first); else a new one. */
  dokumentId?: string;
  actor: string;
  vorgang: { id: string; akteId: string; context: VorgangContext };
  file: UploadedFile;
  fields: DokumentFields;
};

/**
 * The CTEs that file one document (document, version 1, search entry, extraction job, outbox row),
 * named d/v/j/o plus `suffix` – so several documents can be filed in one statement together with
 * other changes (an Antrag files its Vorgang and all documents in one round trip). Values are
 * checked here; the caller adds the audit event and the job wake-up (jobWakeUp(EXTRACT_JOB)).
 */
export function dokumentFilingCtes({
  dokumentId,
  tenantId,
  actor,
  vorgang,
  file,
  fields,
  suffix = '',
}: FilingInput & { suffix?: string }) {
  const { context } = vorgang;
  const { mime, dateiname, titel, metadaten, datum, absender, empfaenger } = newDokumentValues(file, fields);
  const id = dokumentId ?? randomUUID();
  const known = file.text;
  const index = newDokumentIndex(
    { ...context, titel, absender, empfaenger, dateiname, metadaten },
    known ? known.text : null,
  );
  const textStatus = known ? 'done' : 'pending';
  if (!/^(_\d{1,3})?$/.test(suffix)) throw new Error(`bad CTE suffix ${suffix}`);
  const [d, v, j, o] = ['d', 'v', 'j', 'o'].map((n) => sql.raw(`${n}${suffix}`));
  const ctes = sql`${d} as (
      insert into dokumente (tenant_id, id, vorgang_id, akte_id, unit_id, parent_dokument_id, titel, art, datum, absender,
                             empfaenger, metadaten, vertraulichkeit, aktuelle_version, created_by, text_status, ${index.columns})
      select ${tenantId}, ${id}::uuid, ${vorgang.id}::uuid, ${vorgang.akteId}::uuid, ${context.unit_id}::uuid,
              ${fields.parentDokumentId ?? null}::uuid, ${titel}, ${fields.art ?? 'eingang'},
              coalesce(${datum}::date, current_date), ${absender}, ${empfaenger}, ${JSON.stringify(metadaten)}::jsonb,
              ${fields.vertraulichkeit ?? context.vertraulichkeit}, 1, ${actor}, ${textStatus}, ${index.values}
      from ${index.source}
      returning id
    ), ${v} as (
      insert into dokument_versionen (tenant_id, dokument_id, version, sha256, groesse, mime, dateiname, created_by,
                                      text, text_status, extractor, seiten)
      select ${tenantId}, ${d}.id, 1, ${file.blob.sha256}, ${file.blob.size}, ${mime}, ${dateiname}, ${actor},
             ${known?.text ?? null}, ${textStatus}, ${known?.extractor ?? null}, ${known?.seiten ?? null}::int from ${d}
      returning 1
    ), ${j} as (${
      known
        ? sql`select 1 where false`
        : jobInsert(tenantId, [
            {
              kind: EXTRACT_JOB,
              payload: sql`jsonb_build_object('dokumentId', ${d}.id, 'version', 1)`,
              maxAttempts: 5,
              from: d,
            },
          ])
    }), ${o} as (${outboxInsert(tenantId, {
      ereignis: 'dokument.abgelegt',
      vorgangId: vorgang.id,
      kennzeichen: context.kennzeichen,
      daten: {
        landkreis: { id: tenantId },
        dokument: {
          id,
          titel,
          dateiname,
          mime,
          sha256: file.blob.sha256,
          groesse: file.blob.size,
          art: fields.art ?? 'eingang',
        },
        vorgang: {
          id: vorgang.id,
          aktenzeichen: context.aktenzeichen,
          betreff: context.betreff,
          externeReferenz: context.externe_referenz,
        },
        aktenplan: context.kennzeichen,
      },
    })})`;
  // Read by the caller's main query before the audit event, so that the county's audit chain is
  // locked only after everything else of the statement is done (see auditAppendCtes).
  const done = sql`(select count(*) from ${v}) + (select count(*) from ${j}) + (select count(*) from ${o})`;
  return {
    ctes,
    done,
    /** Whether an extraction job was queued (the caller wakes the queue only then). */
    queued: !known,
    result: { id, sha256: file.blob.sha256, version: 1, mime, dateiname, titel },
  };
}

/**
 * The one statement that files a document: document, version, search entry, extraction job,
 * outbox, queue wake-up and (unless the caller records the change in an event of its own, e.g. an
 * Antrag) the audit event. Runs in a transaction or on its own in one round trip (fileDokument).
 */
export function dokumentFilingStatement(input: FilingInput & { audit?: boolean }) {
  const prepared = dokumentFilingCtes(input);
  const { result } = prepared;
  const audit =
    input.audit === false
      ? null
      : auditAppendCtes(input.tenantId, {
          actor: input.actor,
          action: 'records.dokument_added',
          objectType: 'dokument',
          objectId: result.id,
          data: {
            vorgangId: input.vorgang.id,
            titel: result.titel,
            dateiname: result.dateiname,
            sha256: result.sha256,
            groesse: input.file.blob.size,
            mime: result.mime,
          },
        });
  const statement = sql<{ id: string }>`
    with ${prepared.ctes}${audit ? sql`, ${audit}` : sql``}
    select d.id, ${prepared.queued ? sql`${jobWakeUp(EXTRACT_JOB)}, ` : sql``}${prepared.done} as geschrieben${audit ? sql`, (select seq from audit_event)` : sql``} from d`;
  return { statement, result };
}
