import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import { auditVirusFinding } from './virenscan.audit.ts';
import { assertMayFile, type VirusScanner } from './virenscan.ts';

export type ScreenUpload = (file: {
  tenantId: string;
  actor: string;
  /** `records.upload`, `portal.upload` … (in the audit event). */
  source: string;
  fileName: string;
  sha256: string;
}) => Promise<void>;

/**
 * The check every upload passes before it is filed (API, forms, portal): the stored bytes are
 * streamed from the blob store (hash verified on the way) to clamd. An infected file, one over
 * clamd's limits, or an unscanned one where the county requires scanning is audited in the
 * county's chain and refused (422, or 503 while the scanner is away) — never filed. The bytes stay
 * unreferenced in the content-addressed store (no document points at them).
 */
export function createUploadScreen({
  scanner,
  blobs,
  database,
}: {
  scanner: VirusScanner;
  blobs: BlobStore;
  database: DatabaseHandle;
}): ScreenUpload {
  return async ({ tenantId, actor, source, fileName, sha256 }) => {
    // Nothing configured and nothing required: no read of the blob at all (the fast path).
    if (!scanner.configured && !scanner.isRequired(tenantId)) return;
    const result = scanner.configured
      ? await scanner.scanForViruses({ tenant: tenantId, stream: (await blobs.stream(sha256)).body })
      : { status: 'unavailable' as const, required: true };
    if (result.status === 'clean' || (result.status === 'unavailable' && !result.required)) return;
    await auditVirusFinding({ database, tenant: tenantId, actor, source, fileName, sha256, result });
    assertMayFile(result);
  };
}
