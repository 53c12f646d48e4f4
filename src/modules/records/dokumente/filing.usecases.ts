import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { enqueueJob } from '../../../platform/jobs/jobs.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { reindexDokument } from '../../search/search.module.ts';
import {
  type DokumentFields,
  EXTRACT_JOB,
  type FilingVorgang,
  type UploadedFile,
  type VorgangContext,
  versionFile,
} from './dokumente.models.ts';
import { executeFiling, loadVorgangContext } from './dokumente.repository.ts';
import { dokumentFilingStatement } from './dokumente.statements.ts';
import { insertCurrentVersion, lockCurrentVersion } from './versionen.repository.ts';

/** What the caller learns of the filed document. */
export type FiledDokument = ReturnType<typeof dokumentFilingStatement>['result'];

/** Where a filing runs: in the caller's transaction, or on its own (one statement, one round trip). */
export type FilingScope = { trx: TenantTrx } | { database: DatabaseHandle; tenantId: string };

/**
 * Files a document: the one operation behind the API and HTML upload, the xdomea import, Anträge,
 * e-mail attachments and the demo data. Document, version 1, search entry, extraction job, outbox
 * row, queue wake-up and (unless `audit: false`, when the caller records an event of its own) the
 * audit event are one statement. With the Vorgang's context known and no transaction, that
 * statement is the whole filing: one round trip, committed when it returns (the upload hot path).
 * The caller checked that the actor may write into the Vorgang.
 */
export async function fileDokument(
  input: FilingScope & {
    actor: string;
    vorgang: FilingVorgang;
    file: UploadedFile;
    fields: DokumentFields;
    audit?: boolean;
    /** The id to file under (an intake that registered the bytes under it); else a new one. */
    dokumentId?: string;
  },
): Promise<FiledDokument> {
  const { actor, vorgang, file, fields, audit, dokumentId } = input;
  const run = async (scope: FilingScope, tenantId: string, context: VorgangContext) => {
    const { statement, result } = dokumentFilingStatement({
      dokumentId,
      tenantId,
      actor,
      vorgang: { id: vorgang.id, akteId: vorgang.akteId, context },
      file,
      fields,
      audit,
    });
    await executeFiling(scope, statement);
    return result;
  };
  if ('trx' in input)
    return run(
      input,
      input.trx.tenantId,
      vorgang.context ?? (await loadVorgangContext(input.trx, vorgang.id)),
    );
  // Context known (uploadTarget): one statement, one round trip, committed when it returns.
  if (vorgang.context) return run(input, input.tenantId, vorgang.context);
  return input.database.withTenant(input.tenantId, (trx) =>
    fileDokument({ trx, actor, vorgang, file, fields, audit, dokumentId }),
  );
}

/** Adds the next immutable version of a document in the caller's transaction (caller checked access). */
export async function addDokumentVersion({
  trx,
  actor,
  dokumentId,
  file,
  kommentar,
}: {
  trx: TenantTrx;
  actor: string;
  dokumentId: string;
  file: UploadedFile;
  kommentar?: string | null;
}) {
  const { blob } = file;
  const version = (await lockCurrentVersion(trx, dokumentId)) + 1;
  const { mime, dateiname } = versionFile(file);
  await insertCurrentVersion(trx, {
    dokumentId,
    version,
    sha256: blob.sha256,
    groesse: blob.size,
    mime,
    dateiname,
    kommentar: kommentar?.slice(0, 1000) || null,
    actor,
  });
  await reindexDokument(trx, dokumentId, null);
  await enqueueJob(trx, { kind: EXTRACT_JOB, payload: { dokumentId, version }, maxAttempts: 5 });
  await appendAuditEvent(trx, {
    actor,
    action: 'records.dokument_version_added',
    objectType: 'dokument',
    objectId: dokumentId,
    data: { version, sha256: blob.sha256, groesse: blob.size, mime, dateiname },
  });
  return version;
}
