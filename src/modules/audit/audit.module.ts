// Public surface of the audit module: the tenant's hash chain. Other modules append inside their
// own transaction (appendAuditEvent) or put the append into their one-round-trip statement
// (auditAppendCtes); main/ builds the repository and registers the routes.
export type { AuditEventInput, StoredEvent } from './audit.models.ts';
export {
  type AuditRepository,
  appendAuditEvent,
  auditAppendCtes,
  createAuditRepository,
} from './audit.repository.ts';
export { type AuditDeps, registerAuditRoutes } from './audit.routes.ts';
