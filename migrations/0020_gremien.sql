-- Gremien (issue 12, part 1): each county's council bodies, their terms, people and seats, and
-- Vorlagen (Drucksachen) with their Beratungsfolge and a gapless Drucksachen-Nr. per county.
-- Tenant-owned like every county table (RLS); sessions, agenda, votes and resolutions follow.

-- Wahlperioden: the council's terms (e.g. 2019–2024).
create table wahlperioden (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  name text not null check (length(name) between 1 and 100),
  beginn date not null,
  ende date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, name),
  check (ende is null or ende >= beginn)
);
select verbund_tenant_table('wahlperioden');

-- Gremien: Kreistag, Kreisausschuss, Fachausschüsse. `kuerzel` is the prefix of its numbers (KT).
create table gremien (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  name text not null check (length(name) between 2 and 200),
  kuerzel text not null check (kuerzel ~ '^[A-ZÄÖÜ][A-ZÄÖÜa-zäöüß0-9]{0,11}$'),
  art text not null check (art in ('kreistag', 'kreisausschuss', 'ausschuss', 'beirat', 'sonstiges')),
  sitze int check (sitze between 1 and 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, kuerzel)
);
select verbund_tenant_table('gremien');

-- Personen: members and staff of the council (not the product's users).
create table personen (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  familienname text not null check (length(familienname) between 1 and 200),
  vorname text check (length(vorname) <= 200),
  titel text check (length(titel) <= 50),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
select verbund_tenant_table('personen');

-- Mitgliedschaften: a person's seat in a Gremium for a time, with role, Fraktion and voting right.
create table mitgliedschaften (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  gremium_id uuid not null,
  person_id uuid not null,
  wahlperiode_id uuid,
  rolle text not null default 'mitglied'
    check (rolle in ('vorsitz', 'stellvertretung', 'mitglied', 'beratend', 'verwaltung')),
  fraktion text check (length(fraktion) between 1 and 200),
  stimmberechtigt boolean not null default true,
  von date not null,
  bis date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, gremium_id) references gremien(tenant_id, id),
  foreign key (tenant_id, person_id) references personen(tenant_id, id),
  foreign key (tenant_id, wahlperiode_id) references wahlperioden(tenant_id, id),
  check (bis is null or bis >= von)
);
create index mitgliedschaften_gremium on mitgliedschaften (tenant_id, gremium_id, von);
select verbund_tenant_table('mitgliedschaften');

-- How a county numbers its Vorlagen: a template such as KT/{seq:3}/{yyyy} (one per county).
create table drucksachen_schema (
  tenant_id text primary key references tenants(id),
  vorlage text not null check (length(vorlage) between 3 and 60),
  updated_at timestamptz not null default now()
);
select verbund_tenant_table('drucksachen_schema', 'select, insert, update');

-- The last number given per template and year. The increment is an upsert in the transaction that
-- creates the Vorlage: concurrent creations wait for each other's row lock, and a creation that
-- rolls back takes its increment with it – so the numbers have no gaps.
create table drucksachen_zaehler (
  tenant_id text not null references tenants(id),
  reihe text not null check (length(reihe) between 1 and 60),
  jahr int not null check (jahr = 0 or jahr between 1990 and 2200), -- 0: a template without year
  letzte int not null check (letzte >= 0),
  primary key (tenant_id, reihe, jahr)
);
select verbund_tenant_table('drucksachen_zaehler', 'select, insert, update');

-- Vorlagen (Drucksachen). The number is frozen once the Vorlage is published (trigger below).
create table vorlagen (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  drucksachen_nr text not null check (length(drucksachen_nr) between 1 and 60),
  art text not null default 'beschlussvorlage'
    check (art in ('beschlussvorlage', 'informationsvorlage', 'antrag', 'anfrage', 'mitteilung')),
  status text not null default 'entwurf' check (status in ('entwurf', 'freigegeben', 'veroeffentlicht', 'zurueckgezogen')),
  oeffentlich boolean not null default true,
  betreff text not null check (length(betreff) between 1 and 1000),
  einreicher text check (length(einreicher) <= 300),
  federfuehrende_oe_id uuid,
  einreichung date,
  beschlussvorschlag text check (length(beschlussvorschlag) <= 100000),
  begruendung text check (length(begruendung) <= 200000),
  unterzeichner text check (length(unterzeichner) <= 300),
  freigegeben_von text,
  freigegeben_am timestamptz,
  veroeffentlicht_am timestamptz,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, drucksachen_nr),
  foreign key (tenant_id, federfuehrende_oe_id) references org_units(tenant_id, id)
);
create index vorlagen_neueste on vorlagen (tenant_id, created_at desc, id);
select verbund_tenant_table('vorlagen', 'select, insert, update');

create function vorlage_nummer_eingefroren() returns trigger language plpgsql as $$
begin
  if old.veroeffentlicht_am is not null and new.drucksachen_nr is distinct from old.drucksachen_nr then
    raise exception 'Die Drucksachen-Nr. einer veröffentlichten Vorlage ist unveränderlich'
      using errcode = 'check_violation', constraint = 'vorlagen_nummer_eingefroren';
  end if;
  return new;
end $$;
create trigger vorlagen_nummer_eingefroren before update on vorlagen
  for each row execute function vorlage_nummer_eingefroren();

-- Beratungsfolge: the bodies that deliberate a Vorlage, in order, with the planned date.
create table beratungsfolge (
  tenant_id text not null references tenants(id),
  vorlage_id uuid not null,
  position int not null check (position between 1 and 50),
  gremium_id uuid not null,
  datum date,
  zustaendigkeit text not null default 'entscheidung'
    check (zustaendigkeit in ('vorberatung', 'entscheidung', 'kenntnisnahme')),
  primary key (tenant_id, vorlage_id, position),
  foreign key (tenant_id, vorlage_id) references vorlagen(tenant_id, id) on delete cascade,
  foreign key (tenant_id, gremium_id) references gremien(tenant_id, id)
);
select verbund_tenant_table('beratungsfolge');
