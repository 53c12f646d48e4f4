-- Steuerung (issue 13): the database decides who sees every county's detail. The Serviceteam
-- (an acting user or API token with the role verbund-admin in the caller's county) sees all
-- counties; everyone else sees the own county's rows of the detail functions, and Verbund totals.

-- Who acts in this transaction: the app sets app.akteur to 'user:<id>' or 'token:<id>' from the
-- authenticated caller; the function checks that user or token against the tables (same county,
-- role verbund-admin, active). 'betrieb' is the operator's own process (command line, demo seed):
-- it has no user; HTTP callers always carry a user or a token id.
create function steuerung_verbundsicht() returns boolean
  language plpgsql stable security definer set search_path = public as $$
declare
  akteur text := coalesce(current_setting('app.akteur', true), '');
begin
  if app_tenant() is null then
    return false;
  end if;
  if akteur like 'user:%' then
    return exists (select from users u where u.tenant_id = app_tenant() and u.id::text = substr(akteur, 6)
                   and 'verbund-admin' = any (u.roles) and u.disabled_at is null);
  elsif akteur like 'token:%' then
    return exists (select from api_tokens t where t.tenant_id = app_tenant() and t.id::text = substr(akteur, 7)
                   and 'verbund-admin' = any (t.roles) and t.revoked_at is null
                   and (t.expires_at is null or t.expires_at > now()));
  end if;
  return akteur = 'betrieb';
end $$;
revoke all on function steuerung_verbundsicht() from public;
grant execute on function steuerung_verbundsicht() to verbund_app;

-- The detail functions of 0041–0043 keep their names and columns; their bodies move to *_roh (not
-- callable by the app) and the public names filter by the caller's view.
alter function steuerung_nachnutzung_verbund() rename to steuerung_nachnutzung_verbund_roh;
alter function steuerung_antraege_monate(date, date) rename to steuerung_antraege_monate_roh;
alter function steuerung_bearbeitungszeiten(date, date) rename to steuerung_bearbeitungszeiten_roh;
alter function steuerung_anbindungen_zustand(timestamptz) rename to steuerung_anbindungen_zustand_roh;
revoke all on function steuerung_nachnutzung_verbund_roh() from verbund_app;
revoke all on function steuerung_antraege_monate_roh(date, date) from verbund_app;
revoke all on function steuerung_bearbeitungszeiten_roh(date, date) from verbund_app;
revoke all on function steuerung_anbindungen_zustand_roh(timestamptz) from verbund_app;

create function steuerung_nachnutzung_verbund()
  returns table (art text, artefakt_id text, tenant_id text, aktiviert_am date,
                 zuletzt_genutzt timestamptz, monate date[])
  language plpgsql stable security definer set search_path = public as $$
declare
  alle boolean := steuerung_verbundsicht();
begin
  return query select r.* from steuerung_nachnutzung_verbund_roh() r where alle or r.tenant_id = app_tenant();
end $$;

create function steuerung_antraege_monate(p_von date, p_bis date)
  returns table (tenant_id text, leistung_id text, monat date, anzahl bigint)
  language plpgsql stable security definer set search_path = public as $$
declare
  alle boolean := steuerung_verbundsicht();
begin
  return query select r.* from steuerung_antraege_monate_roh(p_von, p_bis) r where alle or r.tenant_id = app_tenant();
end $$;

create function steuerung_bearbeitungszeiten(p_von date, p_bis date)
  returns table (tenant_id text, leistung_id text, beschieden bigint, median_tage double precision,
                 p90_tage double precision, offen bigint, offen_median_tage double precision, offen_max_tage double precision)
  language plpgsql stable security definer set search_path = public as $$
declare
  alle boolean := steuerung_verbundsicht();
begin
  return query select r.* from steuerung_bearbeitungszeiten_roh(p_von, p_bis) r where alle or r.tenant_id = app_tenant();
end $$;

create function steuerung_anbindungen_zustand(p_jetzt timestamptz)
  returns table (connector_id text, tenant_id text, aktiv boolean, zugestellt_24h bigint, versucht_24h bigint,
                 zugestellt_7d bigint, versucht_7d bigint, letzter_erfolg timestamptz, tot bigint, fehlerhaft bigint,
                 p95_ms double precision)
  language plpgsql stable security definer set search_path = public as $$
declare
  alle boolean := steuerung_verbundsicht();
begin
  return query select r.* from steuerung_anbindungen_zustand_roh(p_jetzt) r where alle or r.tenant_id = app_tenant();
end $$;

-- Per month: Anträge received and processing time Eingang → Bescheid (median and p90 as
-- PERCENTILE.INC) of the Anträge decided in that month, per county (rows the caller may see) and
-- for the whole Verbund (tenant_id null; totals, visible to every member).
create function steuerung_zeiten_monate(p_von date, p_bis date)
  returns table (tenant_id text, monat date, antraege bigint, beschieden bigint,
                 median_tage double precision, p90_tage double precision)
  language plpgsql stable security definer set search_path = public as $$
declare
  alle boolean := steuerung_verbundsicht();
begin
  if app_tenant() is null then
    raise exception 'steuerung_zeiten_monate needs a tenant transaction' using errcode = '42501';
  end if;
  return query
  with eingang as (
    select a.tenant_id, date_trunc('month', a.created_at)::date as monat, count(*) as anzahl
    from antraege a where a.created_at >= p_von and a.created_at < p_bis + 1
    group by grouping sets ((a.tenant_id, date_trunc('month', a.created_at)), (date_trunc('month', a.created_at)))
  ), bescheide as (
    select a.tenant_id, date_trunc('month', b.am)::date as monat, count(*) as anzahl,
      percentile_cont(0.5) within group (order by (extract(epoch from b.am - a.created_at) / 86400)::float8) as median,
      percentile_cont(0.9) within group (order by (extract(epoch from b.am - a.created_at) / 86400)::float8) as p90
    from antraege a
    join lateral (select min(n.created_at) as am from antrag_nachrichten n
                  where n.tenant_id = a.tenant_id and n.antrag_id = a.id and n.art = 'bescheid') b on b.am is not null
    where b.am >= p_von and b.am < p_bis + 1
    group by grouping sets ((a.tenant_id, date_trunc('month', b.am)), (date_trunc('month', b.am)))
  )
  select coalesce(e.tenant_id, b.tenant_id), coalesce(e.monat, b.monat), coalesce(e.anzahl, 0), coalesce(b.anzahl, 0),
         b.median, b.p90
  from eingang e full join bescheide b on b.tenant_id is not distinct from e.tenant_id and b.monat = e.monat
  where coalesce(e.tenant_id, b.tenant_id) is null or alle or coalesce(e.tenant_id, b.tenant_id) = app_tenant()
  order by 1 nulls first, 2;
end $$;

revoke all on function steuerung_nachnutzung_verbund() from public;
revoke all on function steuerung_antraege_monate(date, date) from public;
revoke all on function steuerung_bearbeitungszeiten(date, date) from public;
revoke all on function steuerung_anbindungen_zustand(timestamptz) from public;
revoke all on function steuerung_zeiten_monate(date, date) from public;
grant execute on function steuerung_nachnutzung_verbund() to verbund_app;
grant execute on function steuerung_antraege_monate(date, date) to verbund_app;
grant execute on function steuerung_bearbeitungszeiten(date, date) to verbund_app;
grant execute on function steuerung_anbindungen_zustand(timestamptz) to verbund_app;
grant execute on function steuerung_zeiten_monate(date, date) to verbund_app;
