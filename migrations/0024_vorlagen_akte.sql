-- Gremien (issue 12): each Vorlage has its own Akte (and a Vorgang for its papers) in the county's E-Akte; its Anlagen are E-Akte Dokumente.

-- Set in the transaction that creates the Vorlage (Vorlagen created before this migration get their
-- Akte when they first need one, e.g. on the first Anlage) – so search, audit and retention apply.
alter table vorlagen
  add column akte_id uuid,
  add column vorgang_id uuid,
  add foreign key (tenant_id, akte_id) references akten(tenant_id, id),
  add foreign key (tenant_id, vorgang_id) references vorgaenge(tenant_id, id),
  add check ((akte_id is null) = (vorgang_id is null));

-- Anlagen of a Vorlage, in order. The file is the Dokument (with its versions) in the Vorlage's Akte;
-- `oeffentlich` decides whether the public pages and OParl may show it (never for a non-public Vorlage).
create table vorlage_anlagen (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  vorlage_id uuid not null,
  dokument_id uuid not null,
  titel text not null check (length(titel) between 1 and 500),
  oeffentlich boolean not null default true,
  position int not null check (position between 1 and 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, vorlage_id, position),
  unique (tenant_id, dokument_id),
  foreign key (tenant_id, vorlage_id) references vorlagen(tenant_id, id),
  foreign key (tenant_id, dokument_id) references dokumente(tenant_id, id)
);
select verbund_tenant_table('vorlage_anlagen', 'select, insert, update');
