import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import type { VirusScanResult } from './virenscan.ts';

/**
 * Audits a file that was not let through (infected, too large to scan, or unscanned where the
 * county requires scanning) in the county's hash chain — in a transaction of its own, so that the
 * record survives the refused request.
 */
export async function auditVirusFinding({
  database,
  tenant,
  actor,
  source,
  fileName,
  sha256,
  result,
}: {
  database: DatabaseHandle;
  tenant: string;
  actor: string;
  /** Where the file came from: `records.upload`, `portal.upload`, `intake.mail`, `import` … */
  source: string;
  fileName: string;
  sha256: string;
  result: VirusScanResult;
}) {
  await database.withTenant(tenant, (trx) =>
    appendAuditEvent(trx, {
      actor,
      action: `virenscan.${result.status === 'unavailable' ? 'not_scanned' : result.status}`,
      objectType: 'datei',
      objectId: sha256,
      data: { quelle: source, dateiname: fileName.slice(0, 200), signatur: result.signature ?? null },
    }),
  );
}
