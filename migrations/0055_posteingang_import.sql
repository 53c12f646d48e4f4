-- Posteingang (issue 14): the county's register of everything taken in by SHA-256 (dedupe before any
-- preprocessing, "seen again" counted), bulk import runs and the outcome of each file of a run.

-- One row per distinct raw input of a county: the first document filed from these bytes. The same
-- bytes in another county are that county's own row (tenant_id leads the key). No foreign key to
-- dokumente: a document deleted by retention keeps its hash known (it was taken in once).
create table eingang_hashes (
  tenant_id text not null references tenants(id),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  dokument_id uuid,
  quelle text not null check (quelle in ('import', 'ordner', 'mail')),
  erstmals_at timestamptz not null default now(),
  zuletzt_gesehen_at timestamptz not null default now(),
  gesehen int not null default 1 check (gesehen >= 1),
  primary key (tenant_id, sha256)
);
select verbund_tenant_table('eingang_hashes', 'select, insert, update');

-- A bulk import of a directory tree (CLI or API job). An unfinished run of the same source is
-- resumed, never started twice (partial unique index).
create table import_laeufe (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  quelle text not null check (length(quelle) between 1 and 4096),
  -- Kennzeichen given (empty: the county's default unit) and the Akte the run files into.
  aktenplan text not null,
  akte_id uuid not null,
  aktenzeichen text not null,
  status text not null default 'laeuft' check (status in ('laeuft', 'fertig', 'abgebrochen')),
  gesamt int check (gesamt >= 0),
  gestartet_von text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  beendet_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, akte_id) references akten(tenant_id, id)
);
create unique index import_laeufe_offen on import_laeufe (tenant_id, quelle) where status = 'laeuft';
select verbund_tenant_table('import_laeufe', 'select, insert, update');

-- Each file of a run, written in the transaction that files its document (or records it as a
-- duplicate or failure): a resumed run skips every path that has a row.
create table import_dateien (
  tenant_id text not null references tenants(id),
  lauf_id uuid not null,
  pfad text not null check (length(pfad) between 1 and 4096),
  status text not null check (status in ('importiert', 'duplikat', 'fehler')),
  sha256 text,
  dokument_id uuid,
  grund text check (length(grund) <= 2000),
  created_at timestamptz not null default now(),
  primary key (tenant_id, lauf_id, pfad),
  foreign key (tenant_id, lauf_id) references import_laeufe(tenant_id, id)
);
create index import_dateien_status on import_dateien (tenant_id, lauf_id, status);
select verbund_tenant_table('import_dateien', 'select, insert');

-- The Vorgang of each folder of a run (created once, also across resumes and processes).
create table import_vorgaenge (
  tenant_id text not null references tenants(id),
  lauf_id uuid not null,
  ordner text not null,
  vorgang_id uuid not null,
  primary key (tenant_id, lauf_id, ordner),
  foreign key (tenant_id, lauf_id) references import_laeufe(tenant_id, id),
  foreign key (tenant_id, vorgang_id) references vorgaenge(tenant_id, id)
);
select verbund_tenant_table('import_vorgaenge', 'select, insert');
