import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { createPollLoop } from '../../../platform/jobs/poll-loop.ts';
import type { Logger } from '../../../platform/logger.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import { createOcrResultCache, type OcrCacheOwner, ownerKey } from './ocr.cache.ts';
import { createOcrExtractors, type OcrLimits } from './ocr.extractor.ts';
import { loadOcrRecords, pendingExtractions, takeUnavailable } from './ocr.repository.ts';
import { createOcrSlots } from './ocr.slots.ts';
import { createOcrToolProbe, type OcrTools } from './ocr.tools.ts';

export type OcrConfig = OcrLimits & { threads: number };
/** Puts versions back into the extraction queue (records owns it; main/ hands it in). */
export type RequeueExtraction = (
  trx: TenantTrx,
  keys: Array<{ dokumentId: string; version: number }>,
) => Promise<void>;

/**
 * The OCR of the product: the two extractors (images; PDFs without or with a broken text layer),
 * one slot pool per process (never more Tesseract threads than `threads`), the probe for Tesseract
 * and the recovery that takes up the scans stored with „OCR nicht verfügbar“ once it is there.
 */
export function createOcr({
  database,
  blobs,
  config,
  logger,
  requeue,
  detect,
  cacheDir,
}: {
  database: DatabaseHandle;
  blobs: BlobStore;
  config: OcrConfig;
  logger: Logger;
  requeue: RequeueExtraction;
  /** Tests replace the detection of the installed tools (Tesseract „missing“, then „appears“). */
  detect?: () => Promise<OcrTools>;
  /** Where finished results wait for their commit (VERBUND_DATA_DIR/ocr-ergebnisse); none: not kept. */
  cacheDir?: string;
}) {
  const slots = createOcrSlots(config.threads);
  const tools = createOcrToolProbe(detect ? { detect } : {});
  const cache = cacheDir ? createOcrResultCache({ dir: cacheDir }) : undefined;
  const extractors = createOcrExtractors({ database, blobs, slots, tools, limits: config, logger, cache });

  /** Deletes kept results whose extraction has committed (or that are older than a day). */
  async function sweepCache() {
    if (!cache) return 0;
    return cache.sweep(async (owners) => {
      const byTenant = new Map<string, OcrCacheOwner[]>();
      for (const owner of owners)
        byTenant.set(owner.tenantId, [...(byTenant.get(owner.tenantId) ?? []), owner]);
      const waiting = new Set<string>();
      for (const [tenantId, keys] of byTenant)
        for (const key of await pendingExtractions(database, tenantId, keys))
          waiting.add(ownerKey({ tenantId, ...key } satisfies OcrCacheOwner));
      return waiting;
    });
  }

  /** One round: if Tesseract is there, every county's waiting scans go back into the queue. */
  async function recoverUnavailable() {
    if (!(await tools.get()).available) return 0;
    // Each county in its own transaction (RLS): the list of counties itself is Verbund level.
    const rows = await database.db.selectFrom('tenants').select('id').execute();
    let total = 0;
    for (const { id } of rows)
      total += await database.withTenant(id, async (trx) => {
        const keys = await takeUnavailable(trx, 500);
        if (keys.length > 0) await requeue(trx, keys);
        return keys.length;
      });
    if (total > 0) logger.info({ versions: total }, 'OCR available again: waiting scans requeued');
    return total;
  }

  return {
    extractors,
    slots,
    tools,
    recoverUnavailable,
    sweepCache,
    /** The state of a document's OCR, per version (the caller checked that the user may see it). */
    status: (trx: TenantTrx, dokumentId: string) => loadOcrRecords(trx, dokumentId),
    /** Runs recoverUnavailable every `intervalMs` wherever the job worker runs. */
    createRecovery: ({ intervalMs = 60_000 }: { intervalMs?: number } = {}) => {
      const loop = createPollLoop({
        poll: async () => {
          await sweepCache();
          await recoverUnavailable();
          return 0;
        },
        idleMs: intervalMs,
        backoffMs: (failures) => Math.min(intervalMs, 1000 * 2 ** failures),
        onError: (error) => logger.error({ err: error }, 'OCR recovery failed'),
      });
      return { start: () => loop.start(), stop: () => loop.stop() };
    },
    /** For `verbund start` and /health. */
    async health() {
      const found = await tools.get();
      return found.available
        ? { status: 'ok' as const, tesseract: found.tesseract, ocrmypdf: found.ocrmypdf, threads: slots.size }
        : { status: 'unavailable' as const, message: `OCR nicht verfügbar: es fehlt ${found.missing}.` };
    },
  };
}

export type Ocr = ReturnType<typeof createOcr>;
