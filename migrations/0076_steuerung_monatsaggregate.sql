-- The Steuerung page's Anträge and processing times per month (steuerung_zeiten_monate, 0070) from two
-- coarser aggregates: Anträge per county and month, and the processing-time histogram per county and
-- month without the Leistung. The page read ~11,600 day rows and ~17,500 histogram rows per year at
-- 1,000,000 Anträge and grouped them on every call; now 48 and ~3,900 (EXPLAIN ANALYZE, bench data).
-- Both are derived from the aggregates of 0046 in the same refresh transaction (same watermark), so
-- every figure stays exact; partial months at a period's ends still come from the day rows.
create table steuerung_agg_antraege_monat (
  landkreis_id text not null,
  monat date not null,
  anzahl bigint not null,
  primary key (monat, landkreis_id)
);
create table steuerung_agg_bescheide_kreis (
  landkreis_id text not null,
  monat date not null,
  dauer_tage int not null,
  anzahl bigint not null,
  primary key (monat, landkreis_id, dauer_tage)
);
-- Like the aggregates of 0046: no grant to verbund_app, read only through the functions below.
-- Filled at once from the aggregates in place, so the page never reads them empty before the next refresh.
insert into steuerung_agg_antraege_monat (landkreis_id, monat, anzahl)
select g.landkreis_id, date_trunc('month', g.tag::timestamp)::date, sum(g.anzahl)
from steuerung_agg_antraege g group by 1, 2;
insert into steuerung_agg_bescheide_kreis (landkreis_id, monat, dauer_tage, anzahl)
select g.landkreis_id, g.monat, g.dauer_tage, sum(g.anzahl)
from steuerung_agg_bescheide g group by 1, 2, 3;

-- The refresh of 0046 stays as it is (renamed, not callable by the app); the public name refreshes it
-- and then derives the two coarse aggregates from it, in the same transaction.
alter function steuerung_aggregate_auffrischen(timestamptz) rename to steuerung_aggregate_auffrischen_fein;
revoke all on function steuerung_aggregate_auffrischen_fein(timestamptz) from public, verbund_app;

create function steuerung_aggregate_auffrischen(p_bis timestamptz)
  returns table (bis timestamptz, antraege bigint, dauer_ms int)
  language plpgsql security definer set search_path = public as $$
#variable_conflict use_column
declare
  t0 timestamptz := clock_timestamp();
  r record;
  ms int;
begin
  select f.bis, f.antraege, f.dauer_ms into r from steuerung_aggregate_auffrischen_fein(p_bis) f;
  delete from steuerung_agg_antraege_monat;
  insert into steuerung_agg_antraege_monat (landkreis_id, monat, anzahl)
  select g.landkreis_id, date_trunc('month', g.tag::timestamp)::date, sum(g.anzahl)
  from steuerung_agg_antraege g group by 1, 2;
  delete from steuerung_agg_bescheide_kreis;
  insert into steuerung_agg_bescheide_kreis (landkreis_id, monat, dauer_tage, anzahl)
  select g.landkreis_id, g.monat, g.dauer_tage, sum(g.anzahl)
  from steuerung_agg_bescheide g group by 1, 2, 3;
  ms := (extract(epoch from clock_timestamp() - t0) * 1000)::int;
  update steuerung_aggregat_stand set dauer_ms = ms;
  return query select r.bis, r.antraege, ms;
end $$;
revoke all on function steuerung_aggregate_auffrischen(timestamptz) from public;
grant execute on function steuerung_aggregate_auffrischen(timestamptz) to verbund_app;

-- As 0070, reading whole months from the coarse aggregates (partial months from the day rows of 0046,
-- the live tail after the watermark from the rows). Same result columns, same view rule.
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
      select g.landkreis_id as l, g.monat as m, g.anzahl as n
      from steuerung_agg_antraege_monat g where g.monat >= $6 and g.monat < $7
      union all
      select g.landkreis_id, date_trunc('month', g.tag::timestamp)::date, g.anzahl
      from steuerung_agg_antraege g where (g.tag >= $1 and g.tag < $6) or (g.tag >= $7 and g.tag <= $2)
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
      from steuerung_agg_bescheide_kreis g where g.monat >= $6 and g.monat < $7
      union all
      select g.landkreis_id, date_trunc('month', g.tag::timestamp)::date, g.dauer_tage, g.anzahl
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
