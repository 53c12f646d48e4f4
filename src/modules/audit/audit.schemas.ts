import { z } from '@hono/zod-openapi';
import type { StoredEvent } from './audit.models.ts';

export const eventSchema = z
  .object({
    seq: z.number(),
    time: z.string(),
    actor: z.string(),
    action: z.string(),
    objectType: z.string(),
    objectId: z.string(),
    data: z.record(z.string(), z.unknown()),
    hash: z.string(),
  })
  .openapi('AuditEreignis');

export const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

export const verifyResultSchema = z.object({
  ok: z.boolean(),
  events: z.number(),
  brokenSeq: z.number().optional(),
  reason: z.string().optional(),
  head: z.string().optional(),
});

/** The API's view of an event: without the tenant (implied) and the previous hash. */
export const toAuditItem = ({ tenantId: _tenantId, prevHash: _prevHash, ...item }: StoredEvent) => item;
