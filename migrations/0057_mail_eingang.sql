-- Posteingang (issue 14, point 4): intake addresses per county/OE for e-mail received by the
-- product's own SMTP listener, and the log of every message taken in.

create table mail_eingaenge (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  adresse text not null check (adresse ~ '^[^@\s]+@[^@\s]+$' and adresse = lower(adresse) and length(adresse) <= 320),
  name text not null check (length(name) between 1 and 200),
  oe text check (length(oe) <= 100),
  akte_id uuid not null,
  -- Allowed senders: addresses or @domain; empty: everyone.
  absender text[] not null default '{}',
  aktiv boolean not null default true,
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, akte_id) references akten(tenant_id, id)
);
-- An address belongs to exactly one county.
create unique index mail_eingaenge_adresse on mail_eingaenge (adresse);
select verbund_tenant_table('mail_eingaenge', 'select, insert, update');

-- The SMTP listener learns the county of a recipient before any county is chosen: the one
-- cross-county read it needs, and nothing more (active addresses only, no other column).
create function mail_eingang_fuer(p_adresse text)
  returns table (tenant_id text, id uuid, absender text[])
  language sql stable security definer set search_path = public as $$
  select m.tenant_id, m.id, m.absender from mail_eingaenge m where m.adresse = lower(p_adresse) and m.aktiv
$$;
revoke all on function mail_eingang_fuer(text) from public;
grant execute on function mail_eingang_fuer(text) to verbund_app;

create table mail_nachrichten (
  tenant_id text not null references tenants(id),
  id bigint generated always as identity,
  eingang_id uuid not null,
  message_id text check (length(message_id) <= 1000),
  sha256 text not null,
  status text not null check (status in ('abgelegt', 'duplikat')),
  dokument_id uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, eingang_id) references mail_eingaenge(tenant_id, id)
);
create index mail_nachrichten_eingang on mail_nachrichten (tenant_id, eingang_id, id desc);
select verbund_tenant_table('mail_nachrichten', 'select, insert');
