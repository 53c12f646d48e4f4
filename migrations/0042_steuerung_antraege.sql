-- Steuerung (issue 13), volumes and processing times of Anträge per county and service: counts and
-- durations only, the one cross-county read of them (called in the reader's tenant transaction).

-- Anträge received per county, service and month in [p_von, p_bis].
create function steuerung_antraege_monate(p_von date, p_bis date)
  returns table (tenant_id text, leistung_id text, monat date, anzahl bigint)
  language plpgsql stable security definer set search_path = public as $$
begin
  if app_tenant() is null then
    raise exception 'steuerung_antraege_monate needs a tenant transaction' using errcode = '42501';
  end if;
  return query
  select a.tenant_id, a.leistung_id, date_trunc('month', a.created_at)::date, count(*)
  from antraege a where a.created_at >= p_von and a.created_at < p_bis + 1
  group by 1, 2, 3 order by 1, 2, 3;
end $$;

-- Processing time Eingang → Bescheid (the first Bescheid message) in days, per county and service,
-- of the Anträge decided in [p_von, p_bis]: median and p90 with linear interpolation
-- (percentile_cont = spreadsheet PERCENTILE.INC); and the open ones (no Bescheid, not withdrawn or
-- closed) on p_bis with their median and largest age in days.
create function steuerung_bearbeitungszeiten(p_von date, p_bis date)
  returns table (tenant_id text, leistung_id text, beschieden bigint, median_tage double precision,
                 p90_tage double precision, offen bigint, offen_median_tage double precision, offen_max_tage double precision)
  language plpgsql stable security definer set search_path = public as $$
begin
  if app_tenant() is null then
    raise exception 'steuerung_bearbeitungszeiten needs a tenant transaction' using errcode = '42501';
  end if;
  return query
  with faelle as (
    select a.tenant_id, a.leistung_id, a.created_at as eingang,
      (select min(n.created_at) from antrag_nachrichten n
        where n.tenant_id = a.tenant_id and n.antrag_id = a.id and n.art = 'bescheid') as bescheid,
      v.status
    from antraege a join vorgaenge v on v.tenant_id = a.tenant_id and v.id = a.vorgang_id
    where a.created_at < p_bis + 1
  )
  select f.tenant_id, f.leistung_id,
    count(*) filter (where f.bescheid >= p_von and f.bescheid < p_bis + 1),
    percentile_cont(0.5) within group (order by (extract(epoch from f.bescheid - f.eingang) / 86400)::float8)
      filter (where f.bescheid >= p_von and f.bescheid < p_bis + 1),
    percentile_cont(0.9) within group (order by (extract(epoch from f.bescheid - f.eingang) / 86400)::float8)
      filter (where f.bescheid >= p_von and f.bescheid < p_bis + 1),
    count(*) filter (where f.bescheid is null and f.status not in ('zurueckgezogen', 'abgeschlossen')),
    percentile_cont(0.5) within group (order by (extract(epoch from (p_bis + 1)::timestamptz - f.eingang) / 86400)::float8)
      filter (where f.bescheid is null and f.status not in ('zurueckgezogen', 'abgeschlossen')),
    max((extract(epoch from (p_bis + 1)::timestamptz - f.eingang) / 86400)::float8)
      filter (where f.bescheid is null and f.status not in ('zurueckgezogen', 'abgeschlossen'))
  from faelle f group by 1, 2 order by 1, 2;
end $$;

revoke all on function steuerung_antraege_monate(date, date) from public;
revoke all on function steuerung_bearbeitungszeiten(date, date) from public;
grant execute on function steuerung_antraege_monate(date, date) to verbund_app;
grant execute on function steuerung_bearbeitungszeiten(date, date) to verbund_app;
