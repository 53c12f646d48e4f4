-- Gremien (issue 12): each county's template of Beschluss numbers, and the PDF/A documents generated from council data (Drucksache, Einladung, Niederschrift) as filed in the E-Akte.

-- How a county numbers its Beschlüsse, e.g. {gremium}/{sitzung:3}-{top:2}/{yy} (one per county;
-- without a row the standard template applies).
create table beschluss_schema (
  tenant_id text primary key references tenants(id),
  vorlage text not null check (length(vorlage) between 3 and 80),
  updated_at timestamptz not null default now()
);
select verbund_tenant_table('beschluss_schema', 'select, insert, update');

-- The last {seq} given per template (and Gremium, and year when the template has them); drawn in
-- the transaction that records the Beschluss, like drucksachen_zaehler.
create table beschluss_zaehler (
  tenant_id text not null references tenants(id),
  reihe text not null check (length(reihe) between 1 and 120),
  jahr int not null check (jahr = 0 or jahr between 1990 and 2200), -- 0: a template without year
  letzte int not null check (letzte >= 0),
  primary key (tenant_id, reihe, jahr)
);
select verbund_tenant_table('beschluss_zaehler', 'select, insert, update');

-- A session's own Akte (Einladung and Niederschrift are filed there), created on the first filing.
alter table sitzungen
  add column akte_id uuid,
  add column vorgang_id uuid,
  add foreign key (tenant_id, akte_id) references akten(tenant_id, id),
  add foreign key (tenant_id, vorgang_id) references vorgaenge(tenant_id, id),
  add check ((akte_id is null) = (vorgang_id is null));

-- The generated documents as filed: one Dokument per object and kind; a changed rendition becomes
-- its next version (sha256 is the content of the latest one, so an unchanged rendition files nothing).
create table gremien_dokumente (
  tenant_id text not null references tenants(id),
  objekt_id uuid not null, -- the Vorlage (drucksache) or the Sitzung (einladung, niederschrift)
  art text not null check (art in ('drucksache', 'einladung', 'niederschrift')),
  dokument_id uuid not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  version int not null check (version >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, objekt_id, art),
  foreign key (tenant_id, dokument_id) references dokumente(tenant_id, id)
);
select verbund_tenant_table('gremien_dokumente', 'select, insert, update');
