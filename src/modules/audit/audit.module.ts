import type { DatabaseHandle } from '../../platform/database/database.ts';
import { createAuditRepository } from './audit.repository.ts';

export type { AuditEventInput } from './audit.models.ts';
export {
  type AuditRepository,
  appendAuditEvent,
  auditAppendCtes,
  createAuditRepository,
} from './audit.repository.ts';
export { type AuditDeps, registerAuditRoutes } from './audit.routes.ts';

/** The audit module as the composition root sees it: the tenant's hash chain (list, verify). */
export function createAuditModule({ database }: { database: DatabaseHandle }) {
  return { repository: createAuditRepository({ database }) };
}
