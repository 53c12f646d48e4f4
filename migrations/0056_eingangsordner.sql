-- Posteingang (issue 14, point 2): consume folders per county and OE, the Akte/Vorgang each
-- subfolder files into, and the log of every file taken (filed, seen again, failed).

create table eingangsordner (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  -- Relative to <VERBUND_EINGANG_DIR>/<tenant_id>/ (a county never names another county's folder).
  pfad text not null check (length(pfad) between 1 and 1000 and pfad !~ '(^|/)\.\.(/|$)' and pfad !~ '^/'),
  -- Kuerzel of the OE whose folder it is (federführend for its Akten, zuständig for its Vorgänge).
  oe text check (length(oe) <= 100),
  -- Default Aktenplan unit (Kennzeichen) and the Akte created for it.
  aktenplan text not null,
  akte_id uuid not null,
  -- Subfolder rules: [{"unterordner": "Bauamt", "aktenplan": "63.01"} | {"unterordner": "x", "vorgangId": "…"}]
  regeln jsonb not null default '[]' check (jsonb_typeof(regeln) = 'array'),
  stabil_sekunden int not null default 5 check (stabil_sekunden between 1 and 3600),
  aktiv boolean not null default true,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, pfad),
  foreign key (tenant_id, akte_id) references akten(tenant_id, id)
);
select verbund_tenant_table('eingangsordner');

-- Where a folder's files go beyond its own Akte: the Akte of another Aktenplan unit (key
-- `akte:<Kennzeichen>`) and the Vorgang of each subfolder (`vorgang:<Kennzeichen>:<Unterordner>`),
-- each created once by the first file that needs it.
create table eingangsordner_ziele (
  tenant_id text not null references tenants(id),
  ordner_id uuid not null,
  schluessel text not null check (length(schluessel) between 1 and 2000),
  akte_id uuid,
  vorgang_id uuid,
  primary key (tenant_id, ordner_id, schluessel),
  check ((akte_id is null) <> (vorgang_id is null)),
  foreign key (tenant_id, ordner_id) references eingangsordner(tenant_id, id) on delete cascade,
  foreign key (tenant_id, akte_id) references akten(tenant_id, id),
  foreign key (tenant_id, vorgang_id) references vorgaenge(tenant_id, id)
);
select verbund_tenant_table('eingangsordner_ziele', 'select, insert, delete');

-- Every file taken from a folder, written with its document (or its failure).
create table eingangsordner_dateien (
  tenant_id text not null references tenants(id),
  id bigint generated always as identity,
  ordner_id uuid not null,
  pfad text not null,
  sha256 text,
  status text not null check (status in ('abgelegt', 'duplikat', 'fehler')),
  dokument_id uuid,
  grund text check (length(grund) <= 2000),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, ordner_id) references eingangsordner(tenant_id, id) on delete cascade
);
create index eingangsordner_dateien_ordner on eingangsordner_dateien (tenant_id, ordner_id, id desc);
select verbund_tenant_table('eingangsordner_dateien', 'select, insert, delete');
