-- Gremien (issue 12, part 2): sessions of a Gremium and their agenda. Tenant-owned (RLS).

-- Sitzungen: numbered per Gremium without gaps (the Gremium's row is locked while a number is
-- drawn); `sequenz` counts changes of time, place or state (the iCal SEQUENCE of the public feed).
create table sitzungen (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  gremium_id uuid not null,
  nummer int not null check (nummer > 0),
  beginn timestamptz not null,
  ende timestamptz,
  ort text check (length(ort) <= 300),
  status text not null default 'geplant' check (status in ('geplant', 'eingeladen', 'durchgefuehrt', 'abgesagt')),
  sequenz int not null default 0,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, gremium_id, nummer),
  foreign key (tenant_id, gremium_id) references gremien(tenant_id, id),
  check (ende is null or ende >= beginn)
);
create index sitzungen_beginn on sitzungen (tenant_id, beginn);
select verbund_tenant_table('sitzungen', 'select, insert, update');

-- Tagesordnung: the items of a session in order; Ö (öffentlich) or N (nichtöffentlich); an item
-- may carry a Vorlage. The position is unique per session, checked at commit (reordering swaps).
create table tagesordnungspunkte (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  sitzung_id uuid not null,
  position int not null check (position between 1 and 500),
  titel text not null check (length(titel) between 1 and 1000),
  oeffentlich boolean not null default true,
  vorlage_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint tagesordnungspunkte_position unique (tenant_id, sitzung_id, position) deferrable initially deferred,
  foreign key (tenant_id, sitzung_id) references sitzungen(tenant_id, id),
  foreign key (tenant_id, vorlage_id) references vorlagen(tenant_id, id)
);
select verbund_tenant_table('tagesordnungspunkte');
