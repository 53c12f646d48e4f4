-- Re-applies the view rule of 0044 to the detail functions that 0046 redefined (pre-aggregation):
-- their aggregate-reading bodies become *_roh again (not callable by the app), and the public names
-- once more return another county's rows only to the Serviceteam (steuerung_verbundsicht()).
drop function steuerung_nachnutzung_verbund_roh();
drop function steuerung_antraege_monate_roh(date, date);
drop function steuerung_bearbeitungszeiten_roh(date, date);
drop function steuerung_anbindungen_zustand_roh(timestamptz);

alter function steuerung_nachnutzung_verbund() rename to steuerung_nachnutzung_verbund_roh;
alter function steuerung_antraege_monate(date, date) rename to steuerung_antraege_monate_roh;
alter function steuerung_bearbeitungszeiten(date, date) rename to steuerung_bearbeitungszeiten_roh;
alter function steuerung_anbindungen_zustand(timestamptz) rename to steuerung_anbindungen_zustand_roh;
revoke all on function steuerung_nachnutzung_verbund_roh() from public, verbund_app;
revoke all on function steuerung_antraege_monate_roh(date, date) from public, verbund_app;
revoke all on function steuerung_bearbeitungszeiten_roh(date, date) from public, verbund_app;
revoke all on function steuerung_anbindungen_zustand_roh(timestamptz) from public, verbund_app;

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

revoke all on function steuerung_nachnutzung_verbund() from public;
revoke all on function steuerung_antraege_monate(date, date) from public;
revoke all on function steuerung_bearbeitungszeiten(date, date) from public;
revoke all on function steuerung_anbindungen_zustand(timestamptz) from public;
grant execute on function steuerung_nachnutzung_verbund() to verbund_app;
grant execute on function steuerung_antraege_monate(date, date) to verbund_app;
grant execute on function steuerung_bearbeitungszeiten(date, date) to verbund_app;
grant execute on function steuerung_anbindungen_zustand(timestamptz) to verbund_app;
