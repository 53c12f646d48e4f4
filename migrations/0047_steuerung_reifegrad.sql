-- Steuerung (issue 13, point 2): the OZG Reifegrad per Leistung and county – each criterion of the
-- OZG maturity model with its level (recorded by the county or derived from the platform), the
-- resulting level (minimum over the criteria) and an optional level of model 2.0 beside it.

-- One row per county, Leistung and criterion. stufe null with erforderlich = false: the criterion
-- does not apply (e.g. no fee, so no payment) and does not limit the level.
create table reifegrad_kriterien (
  tenant_id text not null references tenants(id),
  leistung_id text not null references leistungen(id),
  kriterium text not null check (kriterium ~ '^[a-z_]{2,40}$'),
  erforderlich boolean not null default true,
  stufe int check (stufe between 0 and 4),
  bemerkung text check (length(bemerkung) <= 1000),
  erfasst_von text not null,
  erfasst_am timestamptz not null default now(),
  primary key (tenant_id, leistung_id, kriterium),
  check (erforderlich = (stufe is not null))
);
select verbund_tenant_table('reifegrad_kriterien');

-- The level as last computed (recorded and derived criteria together), kept so that the Verbund
-- view counts stored levels instead of re-deriving every county's criteria. stufe_2_0: model 2.0
-- (0–7), recorded only.
create table reifegrad_stand (
  tenant_id text not null references tenants(id),
  leistung_id text not null references leistungen(id),
  stufe int not null check (stufe between 0 and 4),
  stufe_2_0 int check (stufe_2_0 between 0 and 7),
  offene_kriterien int not null default 0 check (offene_kriterien >= 0),
  berechnet_am timestamptz not null default now(),
  primary key (tenant_id, leistung_id)
);
select verbund_tenant_table('reifegrad_stand', 'select, insert, update');

-- Verbund figures: per county and level the number of Leistungen (counts only, no criteria), and
-- when the oldest of them was computed. Only inside a tenant transaction; the caller audits.
create function steuerung_reifegrad_verbund()
  returns table (tenant_id text, stufe int, leistungen bigint, stand timestamptz)
  language plpgsql stable security definer set search_path = public as $$
begin
  if app_tenant() is null then
    raise exception 'steuerung_reifegrad_verbund needs a tenant transaction' using errcode = '42501';
  end if;
  return query
  select s.tenant_id, s.stufe, count(*), min(s.berechnet_am)
  from reifegrad_stand s
  join leistung_aktivierungen a on a.tenant_id = s.tenant_id and a.leistung_id = s.leistung_id and a.aktiv
  group by s.tenant_id, s.stufe order by 1, 2;
end $$;
revoke all on function steuerung_reifegrad_verbund() from public;
grant execute on function steuerung_reifegrad_verbund() to verbund_app;
