-- OZG-Onlinedienste: Leistungskatalog and FIM forms at Verbund level, municipalities for
-- Zuständigkeit, and per county the activation of each service, its Anträge, their attachments,
-- messages and the citizens' drafts.

-- Verbund level ---------------------------------------------------------------------------------

-- A form as FIM names it (Stammdatenschema S…, or a Datenfeldgruppe G… imported as a form).
create table formulare (
  id text primary key check (id ~ '^[A-Za-z0-9._-]{1,80}$'),
  name text not null check (length(name) between 1 and 500),
  owner_tenant_id text references tenants(id),
  created_at timestamptz not null default now()
);
grant select, insert, update on formulare to verbund_app;

-- Every import is a new, immutable version; an Antrag points at the version it was filled in.
create table formular_versionen (
  id uuid primary key default gen_random_uuid(),
  formular_id text not null references formulare(id),
  version int not null check (version >= 1),
  fim_version text not null,
  xdf_version text not null check (xdf_version in ('2.0', '3.0', 'verbund')),
  definition jsonb not null,
  warnings jsonb not null default '[]',
  erzwungen boolean not null default false,
  source_sha256 text not null check (source_sha256 ~ '^[0-9a-f]{64}$'),
  imported_at timestamptz not null default now(),
  imported_by text not null,
  unique (formular_id, version)
);
grant select, insert on formular_versionen to verbund_app;
create function formular_versionen_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'formular_versionen are immutable (import a new version instead)';
end $$;
create trigger formular_versionen_immutable before update or delete on formular_versionen
  for each row execute function formular_versionen_immutable();

create table leistungen (
  id text primary key check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(id) <= 80),
  leika text not null check (leika ~ '^[0-9]{14}$'),
  -- true where the LeiKa key could not be verified against a public source: shown as placeholder.
  leika_platzhalter boolean not null default false,
  name text not null check (length(name) between 2 and 300),
  -- XZuFi text modules: kurztext, volltext, unterlagen, voraussetzungen, fristen, kosten, rechtsgrundlagen
  texte jsonb not null default '{}',
  reifegrad int not null check (reifegrad between 0 and 7),
  owner_tenant_id text not null references tenants(id),
  formular_id text references formulare(id),
  -- null: always the newest version of the form
  formular_version int,
  -- activated for every member on onboarding
  standard boolean not null default true,
  -- the Aktenplan unit a county files this service's Vorgänge in unless it configures another
  kennzeichen_vorschlag text not null default '00.20',
  -- Kürzel of the standard OE that receives the Vorgänge (e.g. SVA)
  standard_oe text,
  suchbegriffe text not null default '',
  created_at timestamptz not null default now(),
  unique (leika)
);
grant select, insert, update on leistungen to verbund_app;

-- Municipalities (Gemeinden) with their official key; the first five digits name the county.
create table gemeinden (
  ags text primary key check (ags ~ '^[0-9]{8}$'),
  name text not null check (length(name) between 1 and 200),
  plz text[] not null default '{}',
  kreisschluessel text generated always as (substr(ags, 1, 5)) stored,
  -- true where the key was checked against a public source (README of the standards)
  verifiziert boolean not null default false,
  quelle text not null default 'Verbund'
);
create index gemeinden_kreis on gemeinden (kreisschluessel);
create index gemeinden_name on gemeinden (lower(name));
grant select, insert, update on gemeinden to verbund_app;

-- Per county ------------------------------------------------------------------------------------

create table leistung_aktivierungen (
  tenant_id text not null references tenants(id),
  leistung_id text not null references leistungen(id),
  aktiv boolean not null default true,
  kennzeichen text not null,
  -- the Akte the service's Vorgänge go into (created on the first Antrag)
  akte_id uuid,
  zustaendig_oe_id uuid,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, leistung_id),
  foreign key (tenant_id, akte_id) references akten(tenant_id, id),
  foreign key (tenant_id, zustaendig_oe_id) references org_units(tenant_id, id)
);
select verbund_tenant_table('leistung_aktivierungen', 'select, insert, update');

create table antrag_counters (
  tenant_id text not null references tenants(id),
  jahr int not null,
  letzte_nr int not null,
  primary key (tenant_id, jahr)
);
select verbund_tenant_table('antrag_counters', 'select, insert, update');

create table antraege (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  nummer text not null,
  -- SHA-256 of the tracking code; the code itself is shown once to the citizen
  tracking_hash text not null check (tracking_hash ~ '^[0-9a-f]{64}$'),
  leistung_id text not null references leistungen(id),
  formular_version_id uuid references formular_versionen(id),
  gemeinde_ags text not null references gemeinden(ags),
  daten jsonb not null,
  kontakt_email text,
  vorgang_id uuid not null,
  quelle text not null check (quelle in ('portal', 'api')),
  metadaten jsonb not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, nummer),
  unique (tenant_id, tracking_hash),
  foreign key (tenant_id, vorgang_id) references vorgaenge(tenant_id, id)
);
create index antraege_vorgang on antraege (tenant_id, vorgang_id);
select verbund_tenant_table('antraege', 'select, insert');

create table antrag_anlagen (
  tenant_id text not null references tenants(id),
  antrag_id uuid not null,
  nr int not null,
  attachment_id uuid not null default gen_random_uuid(),
  zweck text not null check (zweck in ('form', 'attachment', 'report', 'data')),
  feld text,
  dateiname text not null,
  mime text not null,
  groesse bigint not null,
  sha256 text not null,
  sha512 text not null check (sha512 ~ '^[0-9a-f]{128}$'),
  dokument_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, antrag_id, nr),
  foreign key (tenant_id, antrag_id) references antraege(tenant_id, id)
);
select verbund_tenant_table('antrag_anlagen', 'select, insert');

-- What the citizen sees on the tracking page: receipt, Nachforderung, status, released Bescheid.
create table antrag_nachrichten (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  antrag_id uuid not null,
  art text not null check (art in ('eingang', 'status', 'nachforderung', 'nachreichung', 'bescheid')),
  text text not null,
  dokument_id uuid,
  offen boolean not null default false,
  created_at timestamptz not null default now(),
  created_by text not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, antrag_id) references antraege(tenant_id, id)
);
create index antrag_nachrichten_antrag on antrag_nachrichten (tenant_id, antrag_id, created_at);
select verbund_tenant_table('antrag_nachrichten', 'select, insert, update');

-- A citizen's form in progress (portal without JavaScript: one page per request). Expires.
create table antrag_entwuerfe (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  leistung_id text not null references leistungen(id),
  formular_version_id uuid references formular_versionen(id),
  gemeinde_ags text not null references gemeinden(ags),
  daten jsonb not null default '{}',
  anlagen jsonb not null default '[]',
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '2 days',
  primary key (tenant_id, id)
);
select verbund_tenant_table('antrag_entwuerfe');

-- Antrag numbers: <Kreisschlüssel>-<year>-<n>, n from one sequence (no row lock shared by all
-- submissions of a county).
create sequence antrag_nummer_seq;
grant usage on sequence antrag_nummer_seq to verbund_app;
