-- Foundation: the application role, tenant RLS helpers, the Verbund and its agreement.

do $$
begin
  if not exists (select from pg_roles where rolname = 'verbund_app') then
    create role verbund_app nologin nosuperuser nocreatedb nocreaterole noinherit nobypassrls;
  end if;
end $$;

grant usage on schema public to verbund_app;

-- The tenant of the current transaction, set with set_config('app.tenant_id', id, true).
-- NULL when unset, so every RLS policy below matches nothing.
create function app_tenant() returns text
  language sql stable
  as $$ select nullif(current_setting('app.tenant_id', true), '') $$;

-- Puts a tenant-owned table under forced row-level security and grants the app role
-- the given privileges. Every later migration uses this for every tenant-owned table.
create function verbund_tenant_table(tbl regclass, privileges text default 'select, insert, update, delete')
  returns void language plpgsql as $$
begin
  execute format('alter table %s enable row level security', tbl);
  execute format('alter table %s force row level security', tbl);
  execute format(
    'create policy tenant_isolation on %s using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())',
    tbl);
  execute format('grant %s on %s to verbund_app', privileges, tbl);
end $$;

-- Verbund level: shared by all members, readable by all. Convention: a column named tenant_id
-- marks a tenant-owned table (RLS); Verbund-level tables name their county columns otherwise.
create table tenants (
  id text primary key check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(id) <= 40),
  name text not null check (length(name) between 2 and 200),
  kreisschluessel text not null unique check (kreisschluessel ~ '^[0-9]{5}$'),
  joined_on date not null default current_date,
  created_at timestamptz not null default now()
);
grant select, insert on tenants to verbund_app;

create table agreements (
  id text primary key,
  title text not null,
  kind text not null,
  basis text not null,
  concluded_on date not null,
  purpose text not null
);
grant select, insert on agreements to verbund_app;

create table agreement_amendments (
  agreement_id text not null references agreements(id),
  number int not null check (number > 0),
  title text not null,
  drucksache text not null,
  resolved_by text not null,
  resolved_on date not null,
  summary text not null,
  joining_tenant_id text references tenants(id),
  primary key (agreement_id, number)
);
grant select, insert on agreement_amendments to verbund_app;

create table agreement_members (
  agreement_id text not null references agreements(id),
  member_id text not null references tenants(id),
  member_since date not null,
  via_amendment int,
  primary key (agreement_id, member_id)
);
grant select, insert on agreement_members to verbund_app;
