-- Anträge and processing times per month (0044) from the aggregates of 0046 instead of every row of
-- the period: received from the day aggregates, decided from the month histograms (the partial months
-- at a period's ends from the day histograms), plus the live tail after the watermark from the rows.
-- Days and months in Europe/Berlin and processing times in whole days, as every other Steuerung figure
-- since 0046; median and p90 exact over the histograms (PERCENTILE.INC, steuerung_perzentil).
-- The view rule stays: other counties' rows only for the Serviceteam, the Verbund total for everyone.
create or replace function steuerung_zeiten_monate(p_von date, p_bis date)
  returns table (tenant_id text, monat date, antraege bigint, beschieden bigint,
                 median_tage double precision, p90_tage double precision)
  language plpgsql stable security definer set search_path = public as $$
declare
  alle boolean := steuerung_verbundsicht();
  w timestamptz := steuerung_wasserzeichen();
  fs date := (date_trunc('month', p_von - 1) + interval '1 month')::date;
  fe date := date_trunc('month', p_bis + 1)::date;
begin
  if app_tenant() is null then
    raise exception 'steuerung_zeiten_monate needs a tenant transaction' using errcode = '42501';
  end if;
  if fs >= fe then
    fs := p_bis + 1;
    fe := p_bis + 1;
  end if;
  return query execute $q$
    with eingang_roh as (
      select g.landkreis_id as l, date_trunc('month', g.tag)::date as m, g.anzahl as n
      from steuerung_agg_antraege g where g.tag >= $1 and g.tag <= $2
      union all
      select a.tenant_id, date_trunc('month', steuerung_tag(a.created_at))::date, 1
      from antraege a where a.created_at >= greatest($3, $4) and a.created_at < $5
    ), eingang as (
      select e.l, e.m, sum(e.n)::bigint as n from eingang_roh e
      group by grouping sets ((e.l, e.m), (e.m))
    ), tail as (
      select m.tenant_id, m.antrag_id, m.created_at as bescheid from antrag_nachrichten m
      where m.art = 'bescheid' and m.created_at >= greatest($3, $4) and m.created_at < $5
        and not exists (select 1 from antrag_nachrichten e where e.tenant_id = m.tenant_id
                        and e.antrag_id = m.antrag_id and e.art = 'bescheid' and e.created_at < m.created_at)
    ), dauer as (
      select g.landkreis_id as l, g.monat as m, g.dauer_tage as d, g.anzahl as n
      from steuerung_agg_bescheide g where g.monat >= $6 and g.monat < $7
      union all
      select g.landkreis_id, date_trunc('month', g.tag)::date, g.dauer_tage, g.anzahl
      from steuerung_agg_bescheide_tage g where (g.tag >= $1 and g.tag < $6) or (g.tag >= $7 and g.tag <= $2)
      union all
      select a.tenant_id, date_trunc('month', steuerung_tag(t.bescheid))::date,
        floor(extract(epoch from t.bescheid - a.created_at) / 86400)::int, 1
      from tail t join antraege a on a.tenant_id = t.tenant_id and a.id = t.antrag_id
    ), dauer_h as (
      select d.l, d.m, d.d, sum(d.n)::bigint as n from dauer d
      group by grouping sets ((d.l, d.m, d.d), (d.m, d.d))
    ), zeiten as (
      select h.l, h.m, sum(h.n)::bigint as n, array_agg(h.d order by h.d) as werte,
        array_agg(h.n order by h.d) as anzahlen
      from dauer_h h group by h.l, h.m
    )
    select coalesce(e.l, z.l), coalesce(e.m, z.m), coalesce(e.n, 0)::bigint, coalesce(z.n, 0)::bigint,
      steuerung_perzentil(z.werte, z.anzahlen, 0.5), steuerung_perzentil(z.werte, z.anzahlen, 0.9)
    from eingang e full join zeiten z on z.l is not distinct from e.l and z.m = e.m
    where coalesce(e.l, z.l) is null or $8 or coalesce(e.l, z.l) = app_tenant()
    order by 1 nulls first, 2 $q$
  using p_von, p_bis, w, steuerung_zeitpunkt(p_von), steuerung_zeitpunkt(p_bis + 1), fs, fe, alle;
end $$;
