import type { ColumnType, Generated } from 'kysely';

/** Row types of the tables, one interface per table. Each module adds its own tables here. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string | undefined, string>;

export interface TenantsTable {
  id: string;
  name: string;
  kreisschluessel: string;
  joined_on: DateOnly;
  created_at: Generated<Date>;
}
export interface AgreementsTable {
  id: string;
  title: string;
  kind: string;
  basis: string;
  concluded_on: DateOnly;
  purpose: string;
}
export interface AgreementAmendmentsTable {
  agreement_id: string;
  number: number;
  title: string;
  drucksache: string;
  resolved_by: string;
  resolved_on: DateOnly;
  summary: string;
  joining_tenant_id: string | null;
}
export interface AgreementMembersTable {
  agreement_id: string;
  member_id: string;
  member_since: DateOnly;
  via_amendment: number | null;
}
export interface OrgUnitsTable {
  tenant_id: string;
  id: Generated<string>;
  name: string;
  kuerzel: string;
  parent_id: string | null;
  created_at: Generated<Date>;
}
export interface UsersTable {
  tenant_id: string;
  id: Generated<string>;
  login: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  roles: string[];
  org_unit_id: string | null;
  disabled_at: Date | null;
  created_at: Generated<Date>;
}
export interface ApiTokensTable {
  tenant_id: string;
  id: Generated<string>;
  token_hash: string;
  name: string;
  user_id: string | null;
  roles: string[];
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  created_at: Generated<Date>;
}
export interface SessionsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Date;
}
export interface LoginThrottleTable {
  tenant_id: string;
  login: string;
  failures: number;
  first_failure_at: Timestamp;
  locked_until: Date | null;
}
export interface AuditHeadsTable {
  tenant_id: string;
  seq: ColumnType<string, string | number, string | number>;
  hash: string;
}
export interface AuditEventsTable {
  tenant_id: string;
  seq: ColumnType<string, string | number, never>;
  occurred_at: Date;
  actor: string;
  action: string;
  object_type: string;
  object_id: string;
  data: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
}
export interface TenantActivationsTable {
  tenant_id: string;
  artifact_kind: string;
  artifact_id: string;
  owner_tenant_id: string | null;
  status: 'active' | 'pending';
  note: string | null;
  activated_at: Generated<Date>;
}
export interface JobsTable {
  tenant_id: string;
  id: Generated<string>;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
  status: Generated<'queued' | 'running' | 'done' | 'failed' | 'dead'>;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  last_error: string | null;
  locked_until: Date | null;
  created_at: Generated<Date>;
  finished_at: Date | null;
}

export interface Database {
  tenants: TenantsTable;
  agreements: AgreementsTable;
  agreement_amendments: AgreementAmendmentsTable;
  agreement_members: AgreementMembersTable;
  org_units: OrgUnitsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  audit_heads: AuditHeadsTable;
  audit_events: AuditEventsTable;
  tenant_activations: TenantActivationsTable;
  jobs: JobsTable;
}
