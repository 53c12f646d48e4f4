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
  prev_hash: string | null;
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
  /** The worker holding (or last holding) the job; job_workers itself is reachable only through functions. */
  locked_by: string | null;
  claimed_at: Date | null;
  /** Runs lost with their worker or their lease (apart from errors). */
  crashes: Generated<number>;
  created_at: Generated<Date>;
  finished_at: Date | null;
}

export type Vertraulichkeit = 'offen' | 'intern' | 'vertraulich';
export type TextStatus = 'pending' | 'done' | 'failed';
type Json<T> = ColumnType<T, string | undefined, string>;

export interface AktenplanTemplatesTable {
  id: string;
  name: string;
  owner_tenant_id: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
}
export interface AktenplanTemplateUnitsTable {
  template_id: string;
  kennzeichen: string;
  titel: string;
  aufbewahrung_jahre: number | null;
  aussonderung: 'A' | 'B' | 'V';
  vertraulichkeit: Generated<Vertraulichkeit>;
}
export interface AktenplanUnitsTable {
  tenant_id: string;
  id: Generated<string>;
  parent_id: string | null;
  kennzeichen: string;
  titel: string;
  aufbewahrung_jahre: number | null;
  aussonderung: 'A' | 'B' | 'V';
  vertraulichkeit: Generated<Vertraulichkeit>;
  template_id: string | null;
  created_at: Generated<Date>;
}
export interface RecordsSettingsTable {
  tenant_id: string;
  aktenzeichen_muster: Generated<string>;
  default_kennzeichen: string | null;
}
export interface AktenzeichenCountersTable {
  tenant_id: string;
  unit_id: string;
  jahr: number;
  letzte_nr: number;
}
export interface AktenTable {
  tenant_id: string;
  id: Generated<string>;
  unit_id: string;
  aktenzeichen: string;
  titel: string;
  federfuehrende_oe_id: string | null;
  status: Generated<'offen' | 'zda'>;
  vertraulichkeit: Generated<Vertraulichkeit>;
  created_at: Generated<Date>;
  created_by: string;
  closed_at: Date | null;
}
export interface VorgaengeTable {
  tenant_id: string;
  id: Generated<string>;
  akte_id: string;
  betreff: string;
  status: Generated<string>;
  eingangsdatum: ColumnType<string, string | undefined, string>;
  frist: DateOnly | null;
  wiedervorlage: DateOnly | null;
  zustaendig_user_id: string | null;
  zustaendig_oe_id: string | null;
  externe_referenz: string | null;
  created_at: Generated<Date>;
  created_by: string;
  updated_at: Generated<Date>;
}
export interface DokumenteTable {
  tenant_id: string;
  id: Generated<string>;
  vorgang_id: string;
  akte_id: string;
  unit_id: string;
  parent_dokument_id: string | null;
  titel: string;
  art: Generated<'eingang' | 'ausgang' | 'intern'>;
  datum: ColumnType<string, string | undefined, string>;
  absender: string | null;
  empfaenger: string | null;
  metadaten: Json<MetadataField[]>;
  vertraulichkeit: Generated<Vertraulichkeit>;
  aktuelle_version: Generated<number>;
  text_status: Generated<TextStatus>;
  text_fehler: string | null;
  refs: ColumnType<string[], string[] | undefined, string[]>;
  search: ColumnType<string, string | undefined, string>;
  search_head: ColumnType<string, string | undefined, string>;
  /** Generated from `search` (migration 0019): never written. */
  search_keys: ColumnType<number[], never, never>;
  created_at: Generated<Date>;
  created_by: string;
  updated_at: Generated<Date>;
}
export type MetadataField = {
  name: string;
  typ: 'text' | 'zahl' | 'datum' | 'ja-nein';
  wert: string | number | boolean;
};
export interface DokumentVersionenTable {
  tenant_id: string;
  dokument_id: string;
  version: number;
  sha256: string;
  groesse: ColumnType<string, number | string, number | string>;
  mime: string;
  dateiname: string;
  kommentar: string | null;
  created_at: Generated<Date>;
  created_by: string;
  text: string | null;
  text_status: Generated<TextStatus>;
  text_fehler: string | null;
  extractor: string | null;
  seiten: number | null;
}
export interface PostkorbGesehenTable {
  tenant_id: string;
  user_id: string;
  objekt_typ: 'vorgang' | 'dokument';
  objekt_id: string;
  gesehen_at: Generated<Date>;
}
export interface RateLimitsTable {
  bucket: string;
  subject: string;
  window_start: Timestamp;
  window_end: Timestamp;
  hits: number;
}
export interface IdempotencyKeysTable {
  tenant_id: string;
  caller: string;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
  state: 'running' | 'done';
  locked_until: Timestamp;
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: Buffer | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
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
  aktenplan_templates: AktenplanTemplatesTable;
  aktenplan_template_units: AktenplanTemplateUnitsTable;
  aktenplan_units: AktenplanUnitsTable;
  records_settings: RecordsSettingsTable;
  aktenzeichen_counters: AktenzeichenCountersTable;
  akten: AktenTable;
  vorgaenge: VorgaengeTable;
  dokumente: DokumenteTable;
  dokument_versionen: DokumentVersionenTable;
  postkorb_gesehen: PostkorbGesehenTable;
  rate_limits: RateLimitsTable;
  idempotency_keys: IdempotencyKeysTable;
}
