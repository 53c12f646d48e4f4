-- Identity: Organisationseinheiten, users, API tokens, sessions, login throttling.

create table org_units (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  kuerzel text not null check (length(kuerzel) between 1 and 40),
  parent_id uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, kuerzel),
  foreign key (tenant_id, parent_id) references org_units(tenant_id, id)
);
select verbund_tenant_table('org_units');

create table users (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  login text not null check (login ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
  display_name text not null,
  email text,
  password_hash text,
  roles text[] not null check (roles <@ array['verbund-admin','kreis-admin','sachbearbeitung','leitung','lesen']::text[]),
  org_unit_id uuid,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, login),
  foreign key (tenant_id, org_unit_id) references org_units(tenant_id, id)
);
select verbund_tenant_table('users');

create table api_tokens (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  token_hash text not null,
  name text not null,
  user_id uuid,
  roles text[] not null check (roles <@ array['verbund-admin','kreis-admin','sachbearbeitung','leitung','lesen']::text[]),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, token_hash),
  foreign key (tenant_id, user_id) references users(tenant_id, id)
);
select verbund_tenant_table('api_tokens');

create table sessions (
  tenant_id text not null references tenants(id),
  id text not null,
  user_id uuid not null,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users(tenant_id, id) on delete cascade
);
select verbund_tenant_table('sessions');

create table login_throttle (
  tenant_id text not null references tenants(id),
  login text not null,
  failures int not null default 0,
  first_failure_at timestamptz not null default now(),
  locked_until timestamptz,
  primary key (tenant_id, login)
);
select verbund_tenant_table('login_throttle');
