-- Gremien (issue 12, part 4): Beschlüsse with their own numbers and follow-up (Beschlusskontrolle).

-- A Beschluss arises when an agenda item is resolved (ergebnis 'beschlossen'). Its number is built
-- from the Gremium, the session and the item (KT/065-03/19) and kept when the agenda changes later.
create table beschluesse (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  top_id uuid not null,
  nummer text not null check (length(nummer) between 1 and 60),
  text text check (length(text) <= 100000),
  umsetzung text not null default 'offen' check (umsetzung in ('offen', 'in_umsetzung', 'erledigt')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, top_id),
  unique (tenant_id, nummer),
  foreign key (tenant_id, top_id) references tagesordnungspunkte(tenant_id, id)
);
select verbund_tenant_table('beschluesse', 'select, insert, update, delete');
