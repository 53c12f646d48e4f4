-- Steuerung (issue 13): the Reifegrad counts follow the caller's view (migration 0044): the
-- Serviceteam (verbund-admin) sees every county, a county only its own rows – plus, for everyone,
-- the Verbund total per level (tenant_id null), an aggregate only.
create or replace function steuerung_reifegrad_verbund()
  returns table (tenant_id text, stufe int, leistungen bigint, stand timestamptz)
  language plpgsql stable security definer set search_path = public as $$
declare
  alle boolean;
begin
  if app_tenant() is null then
    raise exception 'steuerung_reifegrad_verbund needs a tenant transaction' using errcode = '42501';
  end if;
  alle := steuerung_verbundsicht();
  return query
  with aktiv as (
    select s.tenant_id, s.stufe, s.berechnet_am
    from reifegrad_stand s
    join leistung_aktivierungen a on a.tenant_id = s.tenant_id and a.leistung_id = s.leistung_id and a.aktiv
  )
  select * from (
    select x.tenant_id, x.stufe, count(*), min(x.berechnet_am) from aktiv x
    where alle or x.tenant_id = app_tenant() group by x.tenant_id, x.stufe
    union all
    select null::text, x.stufe, count(*), min(x.berechnet_am) from aktiv x group by x.stufe
  ) r order by r.tenant_id nulls last, r.stufe;
end $$;
