import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { type JobRow, jobInsert, jobWakeUp } from '../../../platform/jobs/job-statements.ts';
import { outboxInsert } from '../../../platform/outbox/outbox.ts';
import { outboxWakeUp } from '../../../platform/outbox/outbox-statements.ts';
import { auditAppendCtes } from '../../audit/audit.module.ts';
import type { StoredBlob } from '../../blobs/blobs.module.ts';
import { dokumentFilingCtes } from '../../records/records.module.ts';
import type { FilingActivation } from '../leistungen/aktivierungen.models.ts';
import { ANTRAG_PDF_JOB, type AntragFile, MAIL_JOB } from './antraege.models.ts';
import { fitConnectMetadata } from './fit-connect.models.ts';

const sha512 = (bytes: Uint8Array) => createHash('sha512').update(bytes).digest('hex');

/** Everything a submission writes, prepared outside the transaction. */
export type Submission = {
  antragId: string;
  vorgangId: string;
  nummer: string;
  trackingHash: string;
  eingang: Date;
  tenant: { id: string; name: string };
  leistung: { id: string; name: string; leika: string };
  gemeinde: { ags: string; name: string };
  formularVersionId: string | null;
  formular: { id: string; version: number; title: string } | null;
  daten: Record<string, unknown>;
  email: string | null;
  quelle: 'portal' | 'api';
  actor: string;
  files: AntragFile[];
  /** The data as filed documents: JSON (its SHA-512 goes into the FIT-Connect metadata) and XML. */
  json: { bytes: Uint8Array; blob: StoredBlob };
  xml: { blob: StoredBlob };
  mail: { to: string; subject: string; text: string } | null;
  eingangText: string;
};

/**
 * The whole submission as one statement: Vorgang, every document (with version, search entry,
 * extraction job, outbox row), Antrag, attachments, citizen message, PDF and mail jobs, outbox
 * and one audit event. It runs in one round trip and one transaction (executeAsTenant), so the
 * county's audit chain is locked only while PostgreSQL works. The Vorgang is inserted only if
 * the (cached) activation still holds in live data; otherwise verbund_guard fails the statement
 * with the hint `antrag.aktivierung` (see isStaleActivation).
 */
export function submissionStatement(s: Submission, act: FilingActivation) {
  const { tenant, leistung, nummer, vorgangId, antragId, actor } = s;
  const betreff = `${leistung.name} – Antrag ${nummer}`;
  const target = {
    id: vorgangId,
    akteId: act.akte_id,
    context: {
      id: vorgangId,
      akte_id: act.akte_id,
      akte_status: act.akte_status,
      unit_id: act.unit_id,
      vertraulichkeit: act.vertraulichkeit,
      aktenzeichen: act.aktenzeichen,
      akte_titel: act.akte_titel,
      betreff,
      externe_referenz: nummer,
      kennzeichen: act.kennzeichen,
    },
  };
  // The documents are filed by the records module's statement pieces (one per document).
  const documents = [
    ...s.files.map((f, i) => ({
      fileName: f.fileName,
      blob: f.blob,
      titel: `Anlage ${i + 1}: ${f.fileName}`,
    })),
    { fileName: `antrag-${nummer}.json`, blob: s.json.blob, titel: `Antragsdaten ${nummer} (JSON)` },
    { fileName: `antrag-${nummer}.xml`, blob: s.xml.blob, titel: `Antragsdaten ${nummer} (XML)` },
  ].map((doc, k) =>
    dokumentFilingCtes({
      tenantId: tenant.id,
      actor,
      vorgang: target,
      file: { fileName: doc.fileName, blob: doc.blob },
      fields: { titel: doc.titel, art: 'eingang' },
      suffix: `_${k}`,
    }),
  );
  const docs = documents.map((doc) => doc.result);
  const rows = s.files.map((f, i) => ({
    nr: i + 1,
    attachment_id: randomUUID(),
    feld: f.field,
    dateiname: f.fileName,
    mime: docs[i]!.mime,
    groesse: f.blob.size,
    sha256: f.blob.sha256,
    sha512: f.sha512,
    dokument_id: docs[i]!.id,
  }));
  const metadata = fitConnectMetadata({
    leistung,
    nummer,
    eingang: s.eingang,
    dataSha512: sha512(s.json.bytes),
    formular: s.formular,
    anlagen: rows.map((r) => ({
      attachmentId: r.attachment_id,
      sha512: r.sha512,
      dateiname: r.dateiname,
      mime: r.mime,
      zweck: 'attachment',
    })),
    email: s.email,
  });
  const audit = auditAppendCtes(tenant.id, {
    actor,
    action: 'services.antrag_eingegangen',
    objectType: 'antrag',
    objectId: antragId,
    data: {
      nummer,
      leistung: leistung.id,
      gemeinde: s.gemeinde.ags,
      vorgangId,
      dokumente: docs.map((d) => d.id),
      anlagen: s.files.length,
      quelle: s.quelle,
    },
  });
  // The PDF/A rendition of the form and the e-mail notice (the documents' jobs come with them).
  const jobs: JobRow[] = [
    {
      kind: ANTRAG_PDF_JOB,
      payload: sql`jsonb_build_object('antragId', a.id)`,
      maxAttempts: 5,
      from: sql`a`,
    },
  ];
  if (s.mail) jobs.push({ kind: MAIL_JOB, payload: sql`${JSON.stringify(s.mail)}::jsonb`, maxAttempts: 8 });
  const statement = sql`
    with vg as (
      insert into vorgaenge (tenant_id, id, akte_id, betreff, zustaendig_oe_id, externe_referenz, created_by)
      select ${tenant.id}, ${vorgangId}::uuid, la.akte_id, ${betreff}, la.zustaendig_oe_id, ${nummer}, ${actor}
      from leistung_aktivierungen la join akten a on a.id = la.akte_id
      where la.leistung_id = ${leistung.id} and la.aktiv and la.akte_id = ${act.akte_id}::uuid
        and a.status = 'offen' and a.unit_id = ${act.unit_id}::uuid and a.vertraulichkeit = ${act.vertraulichkeit}
      returning id
    ), ${sql.join(
      documents.map((doc) => doc.ctes),
      sql`, `,
    )}, a as (
      insert into antraege (tenant_id, id, nummer, tracking_hash, leistung_id, formular_version_id, gemeinde_ags, daten,
        kontakt_email, vorgang_id, quelle, metadaten, created_at)
      values (${tenant.id}, ${antragId}::uuid, ${nummer}, ${s.trackingHash}, ${leistung.id},
        ${s.formularVersionId}::uuid, ${s.gemeinde.ags}, ${JSON.stringify(s.daten)}::jsonb, ${s.email}, ${vorgangId}::uuid,
        ${s.quelle}, ${JSON.stringify(metadata)}::jsonb, ${s.eingang})
      returning id
    ), an as (
      insert into antrag_anlagen (tenant_id, antrag_id, nr, attachment_id, zweck, feld, dateiname, mime, groesse, sha256,
        sha512, dokument_id)
      select ${tenant.id}, a.id, x.nr, x.attachment_id::uuid, 'attachment', x.feld, x.dateiname, x.mime, x.groesse,
        x.sha256, x.sha512, x.dokument_id::uuid
      from a, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(nr int, attachment_id text, feld text,
        dateiname text, mime text, groesse bigint, sha256 text, sha512 text, dokument_id text)
      returning 1
    ), n as (
      insert into antrag_nachrichten (tenant_id, antrag_id, art, text, created_by)
      select ${tenant.id}, a.id, 'eingang', ${s.eingangText}, ${actor} from a
      returning 1
    ), j as (${jobInsert(tenant.id, jobs)}), o as (${outboxInsert(tenant.id, {
      ereignis: 'antrag.eingegangen',
      vorgangId,
      leistungId: leistung.id,
      daten: {
        landkreis: { id: tenant.id, name: tenant.name },
        antrag: {
          id: antragId,
          nummer,
          eingang: s.eingang.toISOString(),
          leistung: { id: leistung.id, leika: leistung.leika, name: leistung.name },
          gemeinde: s.gemeinde,
          formular: s.formular,
          daten: s.daten,
          anlagen: rows.map((r) => ({
            nr: r.nr,
            dateiname: r.dateiname,
            mime: r.mime,
            groesse: r.groesse,
            sha512: r.sha512,
            dokumentId: r.dokument_id,
          })),
        },
        vorgang: { id: vorgangId, aktenzeichen: act.aktenzeichen, betreff },
      },
      fitConnect: {
        metadata,
        data: s.daten,
        attachments: rows.map((r) => ({
          attachmentId: r.attachment_id,
          dokumentId: r.dokument_id,
          filename: r.dateiname,
          mimeType: r.mime,
        })),
      },
    })}), ${audit}
    select verbund_guard(exists (select 1 from vg), 'antrag.aktivierung'), a.id,
      ${jobWakeUp(ANTRAG_PDF_JOB)}, ${outboxWakeUp(tenant.id)},
      ${sql.join(
        documents.map((doc) => doc.done),
        sql` + `,
      )} + (select count(*) from an) + (select count(*) from n) + (select count(*) from j) + (select count(*) from o)
        as geschrieben,
      (select seq from audit_event) from a`;
  return { statement, metadata };
}

/** Runs the submission statement in one round trip in the county's transaction. */
export async function executeSubmission(database: DatabaseHandle, s: Submission, act: FilingActivation) {
  const { statement, metadata } = submissionStatement(s, act);
  await database.executeAsTenant(s.tenant.id, statement);
  return metadata;
}

/** The statement failed because the activation changed since it was cached. */
export const isStaleActivation = (error: unknown) =>
  (error as { hint?: string }).hint === 'antrag.aktivierung';
