-- Steuerung (issue 13, point 5): Fördermittel of a county – the Bewilligung (grantor, programme,
-- rate, eligible amount, period, purpose, Aktenzeichen, Sachbericht) and its expenses, each with a
-- receipt document in the county's own E-Akte. beispiel marks sample data of the demo.

create table foerderbewilligungen (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  zuwendungsgeber text not null check (length(zuwendungsgeber) between 2 and 300),
  programm text not null check (length(programm) between 2 and 300),
  aktenzeichen text not null check (length(aktenzeichen) between 1 and 100),
  zweck text not null check (length(zweck) between 2 and 2000),
  -- Fördersatz in basis points (10000 = 100 %), amounts in cent
  foerdersatz_bp int not null check (foerdersatz_bp between 1 and 10000),
  zuwendungsfaehig_cent bigint not null check (zuwendungsfaehig_cent > 0),
  von date not null,
  bis date not null,
  sachbericht text not null default '' check (length(sachbericht) <= 20000),
  beispiel boolean not null default false,
  created_at timestamptz not null default now(),
  created_by text not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, aktenzeichen),
  check (bis >= von)
);
select verbund_tenant_table('foerderbewilligungen', 'select, insert, update');

create table foerderausgaben (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  bewilligung_id uuid not null,
  datum date not null,
  betrag_cent bigint not null check (betrag_cent > 0),
  kategorie text not null check (kategorie in ('personal', 'sachkosten', 'investition', 'sonstiges')),
  text text not null check (length(text) between 1 and 500),
  -- the receipt in the E-Akte: same county by the composite key; null = receipt missing (flagged)
  beleg_dokument_id uuid,
  beispiel boolean not null default false,
  created_at timestamptz not null default now(),
  created_by text not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, bewilligung_id) references foerderbewilligungen(tenant_id, id),
  foreign key (tenant_id, beleg_dokument_id) references dokumente(tenant_id, id)
);
create index foerderausgaben_bewilligung on foerderausgaben (tenant_id, bewilligung_id, datum);
select verbund_tenant_table('foerderausgaben', 'select, insert, update, delete');
