-- Gremien (issue 12, part 3): who attended a session, and the vote on each agenda item.

-- Anwesenheit: the people present at a session (members of its Gremium on that day).
create table anwesenheiten (
  tenant_id text not null references tenants(id),
  sitzung_id uuid not null,
  person_id uuid not null,
  primary key (tenant_id, sitzung_id, person_id),
  foreign key (tenant_id, sitzung_id) references sitzungen(tenant_id, id),
  foreign key (tenant_id, person_id) references personen(tenant_id, id)
);
select verbund_tenant_table('anwesenheiten', 'select, insert, delete');

-- Beratung of an agenda item: the result and the votes (Ja/Nein/Enthaltung). Their sum never
-- exceeds the voting members present – the use-case checks it against the attendance.
create table beratungen (
  tenant_id text not null references tenants(id),
  top_id uuid not null,
  ergebnis text not null check (ergebnis in ('beschlossen', 'abgelehnt', 'vertagt', 'zur_kenntnis', 'verwiesen')),
  ja int check (ja >= 0),
  nein int check (nein >= 0),
  enthaltung int check (enthaltung >= 0),
  updated_by text not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, top_id),
  foreign key (tenant_id, top_id) references tagesordnungspunkte(tenant_id, id),
  check ((ja is null) = (nein is null) and (nein is null) = (enthaltung is null))
);
select verbund_tenant_table('beratungen', 'select, insert, update');
