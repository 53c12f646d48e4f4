-- Posteingang (issue 14, point 7): filing suggestions learned from each county's own filed
-- documents – a naive Bayes model over the search analyzer's terms, per county under RLS.

-- How often a term occurred in the documents of a class (merkmal: einheit = Aktenplan unit,
-- vorgang = Vorgang, art = Dokumentart).
create table ablage_terme (
  tenant_id text not null references tenants(id),
  merkmal text not null check (merkmal in ('einheit', 'vorgang', 'art')),
  term text not null check (length(term) between 1 and 100),
  klasse text not null,
  anzahl int not null check (anzahl > 0),
  primary key (tenant_id, merkmal, term, klasse)
);
select verbund_tenant_table('ablage_terme', 'select, insert, update');

-- Documents and term occurrences per class (the prior and the denominator).
create table ablage_klassen (
  tenant_id text not null references tenants(id),
  merkmal text not null check (merkmal in ('einheit', 'vorgang', 'art')),
  klasse text not null,
  dokumente int not null check (dokumente >= 0),
  terme bigint not null check (terme >= 0),
  primary key (tenant_id, merkmal, klasse)
);
select verbund_tenant_table('ablage_klassen', 'select, insert, update');

-- How far the model has learned: documents up to (created_at, id), vocabulary size.
create table ablage_stand (
  tenant_id text primary key references tenants(id),
  bis_created_at timestamptz,
  bis_id uuid,
  dokumente int not null default 0,
  vokabular int not null default 0,
  updated_at timestamptz not null default now()
);
select verbund_tenant_table('ablage_stand', 'select, insert, update');
