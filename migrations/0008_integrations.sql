-- Fachverfahren-Anbindung: Fachverfahren as API clients per county, connector definitions at
-- Verbund level with per-county activation, and the transactional outbox of their deliveries.

-- A specialized procedure of a county, with its own API token (api_tokens.fachverfahren_id).
create table fachverfahren (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  kennung text not null check (kennung ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(kennung) <= 60),
  name text not null check (length(name) between 2 and 200),
  hersteller text,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, kennung)
);
select verbund_tenant_table('fachverfahren', 'select, insert, update');

alter table api_tokens add column fachverfahren_id uuid;
alter table api_tokens add foreign key (tenant_id, fachverfahren_id) references fachverfahren(tenant_id, id);

-- A Fachverfahren's own reference is unique per county and Fachverfahren.
alter table vorgaenge add column fachverfahren_id uuid;
alter table vorgaenge add foreign key (tenant_id, fachverfahren_id) references fachverfahren(tenant_id, id);
create unique index vorgaenge_fachverfahren_ref on vorgaenge (tenant_id, fachverfahren_id, externe_referenz)
  where fachverfahren_id is not null and externe_referenz is not null;
create index vorgaenge_externe_referenz on vorgaenge (tenant_id, externe_referenz) where externe_referenz is not null;

-- Verbund level: what one county analysed, every member can use.
create table connector_definitionen (
  id text primary key check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(id) <= 80),
  name text not null check (length(name) between 2 and 200),
  owner_tenant_id text not null references tenants(id),
  -- antrag.eingegangen | dokument.abgelegt | vorgang.status
  ausloeser text not null check (ausloeser in ('antrag.eingegangen', 'dokument.abgelegt', 'vorgang.status')),
  -- the Leistung (antrag.eingegangen) or the Aktenplan Kennzeichen prefix (dokument.abgelegt); null = all
  filter text,
  -- json (declarative mapping) | fit-connect
  nutzlast text not null check (nutzlast in ('json', 'fit-connect')),
  mapping jsonb not null default '{}',
  -- webhook | verzeichnis
  transport text not null check (transport in ('webhook', 'verzeichnis')),
  max_versuche int not null default 8 check (max_versuche between 1 and 50),
  beschreibung text not null default '',
  created_at timestamptz not null default now()
);
grant select, insert, update on connector_definitionen to verbund_app;

create table connector_aktivierungen (
  tenant_id text not null references tenants(id),
  connector_id text not null references connector_definitionen(id),
  -- pending until the county has set its endpoint
  status text not null default 'pending' check (status in ('pending', 'active', 'paused')),
  -- webhook URL or target directory
  ziel text,
  secret text,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, connector_id)
);
select verbund_tenant_table('connector_aktivierungen', 'select, insert, update');

-- The outbox: one row per event and activated connector, written in the transaction of the change.
create table outbox (
  tenant_id text not null references tenants(id),
  id bigint generated always as identity,
  connector_id text not null references connector_definitionen(id),
  -- deliveries with the same key (the Vorgang) go out in id order
  ordering_key text not null,
  idempotency_key uuid not null default gen_random_uuid(),
  ereignis text not null,
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'delivering', 'delivered', 'dead')),
  attempts int not null default 0,
  max_attempts int not null,
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  primary key (tenant_id, id)
);
create index outbox_due on outbox (next_attempt_at) where status in ('pending', 'delivering');
create index outbox_order on outbox (tenant_id, ordering_key, id) where status <> 'delivered';
create index outbox_connector on outbox (tenant_id, connector_id, status);
select verbund_tenant_table('outbox', 'select, insert, update');
do $$ begin
  execute format('create policy owner_claims on outbox to %I using (true) with check (true)', current_user);
end $$;

-- Claims due deliveries across counties (SECURITY DEFINER: the owner sees every tenant's rows):
-- only the oldest undelivered event of each ordering key, locked with FOR UPDATE SKIP LOCKED so
-- any number of workers can run; a claim expires after lock_seconds (a killed worker loses nothing).
create function claim_outbox(max_rows int, lock_seconds int)
  returns table (tenant_id text, id bigint) language sql security definer set search_path = public as $$
  update outbox o set status = 'delivering', attempts = o.attempts + 1,
    locked_until = now() + make_interval(secs => lock_seconds)
  from (
    select c.tenant_id, c.id from outbox c
    where c.status in ('pending', 'delivering') and c.next_attempt_at <= now()
      and (c.locked_until is null or c.locked_until < now())
      and not exists (
        select 1 from outbox p where p.tenant_id = c.tenant_id and p.ordering_key = c.ordering_key
          and p.id < c.id and p.status <> 'delivered')
    order by c.next_attempt_at, c.id
    limit max_rows
    for update skip locked
  ) due
  where o.tenant_id = due.tenant_id and o.id = due.id
  returning o.tenant_id, o.id
$$;
revoke all on function claim_outbox(int, int) from public;
grant execute on function claim_outbox(int, int) to verbund_app;
