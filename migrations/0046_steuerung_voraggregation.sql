-- Steuerung (issue 13), pre-aggregation: Anträge per day, processing-time histograms per month and the
-- open cases, refreshed by a job up to a watermark; the figure functions read them plus the rows after
-- the watermark (the live tail), so the figures stay exact and new Anträge count at once.
--
-- Days are days in Europe/Berlin. Processing time Eingang → first Bescheid is counted in whole days
-- (full 24-hour periods, floor), the age of an open case as its reference day minus its Eingang day;
-- median and p90 are PERCENTILE.INC (percentile_cont) over those whole days, computed exactly from
-- the histograms. The tables name their county column landkreis_id: they hold every county's counts
-- and are read only through the SECURITY DEFINER functions below (verbund_app has no grant on them).

create function steuerung_tag(p timestamptz) returns date
  language sql stable as $$ select (p at time zone 'Europe/Berlin')::date $$;
create function steuerung_zeitpunkt(p date) returns timestamptz
  language sql stable as $$ select p::timestamp at time zone 'Europe/Berlin' $$;

-- PERCENTILE.INC over a histogram (values ascending and distinct, counts > 0): the same arithmetic as
-- percentile_cont, so the result equals percentile_cont over the expanded values.
create function steuerung_perzentil(p_werte int[], p_anzahlen bigint[], p float8) returns float8
  language plpgsql immutable as $$
declare
  n bigint := 0; h float8; lo bigint; kum bigint := 0; x_lo float8; x_hi float8;
begin
  for i in 1 .. coalesce(array_length(p_anzahlen, 1), 0) loop n := n + p_anzahlen[i]; end loop;
  if n = 0 then return null; end if;
  h := p * (n - 1);
  lo := floor(h);
  for i in 1 .. array_length(p_werte, 1) loop
    kum := kum + p_anzahlen[i];
    if x_lo is null and lo < kum then x_lo := p_werte[i]; end if;
    if lo + 1 < kum then x_hi := p_werte[i]; exit; end if;
  end loop;
  if h = lo or x_hi is null then return x_lo; end if;
  return x_lo + (x_hi - x_lo) * (h - lo);
end $$;

-- The watermark: the aggregates hold exactly the rows created before `bis`.
create table steuerung_aggregat_stand (
  id boolean primary key default true check (id),
  bis timestamptz not null,
  aufgefrischt_am timestamptz not null,
  dauer_ms int not null,
  antraege bigint not null
);
grant select on steuerung_aggregat_stand to verbund_app;

create table steuerung_agg_antraege (
  landkreis_id text not null,
  leistung_id text not null,
  formular_id text,
  tag date not null,
  anzahl bigint not null,
  zuletzt timestamptz not null
);
create index steuerung_agg_antraege_tag on steuerung_agg_antraege (tag);

-- Anträge whose first Bescheid was before the watermark, by Bescheid month and whole days taken.
create table steuerung_agg_bescheide (
  landkreis_id text not null,
  leistung_id text not null,
  monat date not null,
  dauer_tage int not null,
  anzahl bigint not null,
  primary key (monat, landkreis_id, leistung_id, dauer_tage)
);

-- Anträge received before the watermark without a Bescheid before it and not withdrawn or closed
-- (status at the refresh), by Eingang day.
create table steuerung_agg_offen (
  landkreis_id text not null,
  leistung_id text not null,
  eingang_tag date not null,
  anzahl bigint not null,
  primary key (landkreis_id, leistung_id, eingang_tag)
);

-- The live tail is found through these (rows after the watermark, Bescheide in a range).
create index antraege_created on antraege (created_at);
create index antrag_nachrichten_bescheid on antrag_nachrichten (created_at) where art = 'bescheid';

-- The watermark in force ('-infinity' before the first refresh: then everything is the live tail).
create function steuerung_wasserzeichen() returns timestamptz
  language sql stable security definer set search_path = public as $$
  select coalesce((select s.bis from steuerung_aggregat_stand s), '-infinity'::timestamptz) $$;

-- Anträge received per county, service and month in [p_von, p_bis] (days in Europe/Berlin): the daily
-- aggregates plus the Anträge after the watermark. Dynamic SQL so each call is planned with its values
-- (a generic plan would not see that the tail after the watermark is small).
create or replace function steuerung_antraege_monate(p_von date, p_bis date)
  returns table (tenant_id text, leistung_id text, monat date, anzahl bigint)
  language plpgsql stable security definer set search_path = public as $$
begin
  if app_tenant() is null then
    raise exception 'steuerung_antraege_monate needs a tenant transaction' using errcode = '42501';
  end if;
  return query execute $q$
    select x.l, x.le, date_trunc('month', x.tag)::date, sum(x.n)::bigint from (
      select g.landkreis_id as l, g.leistung_id as le, g.tag, g.anzahl as n
      from steuerung_agg_antraege g where g.tag between $1 and $2
      union all
      select a.tenant_id, a.leistung_id, steuerung_tag(a.created_at), 1 from antraege a
      where a.created_at >= greatest($3, steuerung_zeitpunkt($1)) and a.created_at < steuerung_zeitpunkt($2 + 1)
    ) x group by 1, 2, 3 order by 1, 2, 3 $q$
  using p_von, p_bis, steuerung_wasserzeichen();
end $$;

-- Usage of every county in [p_von, p_bis] (migration 0040; days in Europe/Berlin now): the Anträge
-- from the daily aggregates plus the tail after the watermark; Dokumente and users as before.
create or replace function steuerung_nutzung_verbund(p_von date, p_bis date)
  returns table (tenant_id text, antraege bigint, dokumente bigint, benutzer bigint)
  language plpgsql stable security definer set search_path = public as $$
begin
  if app_tenant() is null then
    raise exception 'steuerung_nutzung_verbund needs a tenant transaction' using errcode = '42501';
  end if;
  return query execute $q$
    select t.id,
      coalesce((select sum(g.anzahl) from steuerung_agg_antraege g where g.landkreis_id = t.id
                and g.tag between $1 and $2), 0)::bigint
      + (select count(*) from antraege a where a.tenant_id = t.id
         and a.created_at >= greatest($3, steuerung_zeitpunkt($1)) and a.created_at < steuerung_zeitpunkt($2 + 1)),
      (select count(*) from dokumente d where d.tenant_id = t.id
         and d.created_at >= $1 and d.created_at < $2 + 1),
      (select count(*) from users u where u.tenant_id = t.id
         and u.created_at < $2 + 1 and (u.disabled_at is null or u.disabled_at >= $1))
    from tenants t order by t.kreisschluessel $q$
  using p_von, p_bis, steuerung_wasserzeichen();
end $$;

-- Connector health (migration 0043), same figures: per activation only its deliveries of the last
-- 7 days (by creation or delivery) and index look-ups for the all-time ones, instead of joining the
-- whole outbox.
create index outbox_connector_erstellt on outbox (tenant_id, connector_id, created_at);
create index outbox_connector_zugestellt on outbox (tenant_id, connector_id, delivered_at) where status = 'delivered';

create or replace function steuerung_anbindungen_zustand(p_jetzt timestamptz)
  returns table (connector_id text, tenant_id text, aktiv boolean, zugestellt_24h bigint, versucht_24h bigint,
                 zugestellt_7d bigint, versucht_7d bigint, letzter_erfolg timestamptz, tot bigint, fehlerhaft bigint,
                 p95_ms double precision)
  language plpgsql stable security definer set search_path = public as $$
begin
  if app_tenant() is null then
    raise exception 'steuerung_anbindungen_zustand needs a tenant transaction' using errcode = '42501';
  end if;
  return query
  select ca.connector_id, ca.tenant_id, ca.status = 'active',
    w.zugestellt_24h, w.versucht_24h, w.zugestellt_7d, w.versucht_7d,
    (select max(o.delivered_at) from outbox o where o.tenant_id = ca.tenant_id and o.connector_id = ca.connector_id
       and o.status = 'delivered'),
    (select count(*) from outbox o where o.tenant_id = ca.tenant_id and o.connector_id = ca.connector_id
       and o.status = 'dead'),
    (select count(*) from outbox o where o.tenant_id = ca.tenant_id and o.connector_id = ca.connector_id
       and o.status in ('pending', 'delivering') and o.attempts > 0),
    w.p95_ms
  from connector_aktivierungen ca
  cross join lateral (
    select
      count(*) filter (where o.status = 'delivered' and o.delivered_at > p_jetzt - interval '24 hours') as zugestellt_24h,
      count(*) filter (where o.created_at > p_jetzt - interval '24 hours'
                       and (o.status in ('delivered', 'dead') or o.attempts > 0)) as versucht_24h,
      count(*) filter (where o.status = 'delivered' and o.delivered_at > p_jetzt - interval '7 days') as zugestellt_7d,
      count(*) filter (where o.created_at > p_jetzt - interval '7 days'
                       and (o.status in ('delivered', 'dead') or o.attempts > 0)) as versucht_7d,
      (percentile_cont(0.95) within group (order by extract(epoch from o.delivered_at - o.created_at) * 1000)
        filter (where o.status = 'delivered' and o.delivered_at > p_jetzt - interval '7 days'))::float8 as p95_ms
    from outbox o
    where o.tenant_id = ca.tenant_id and o.connector_id = ca.connector_id
      and (o.created_at > p_jetzt - interval '7 days'
           or (o.status = 'delivered' and o.delivered_at > p_jetzt - interval '7 days'))
  ) w
  order by 1, 2;
end $$;

-- Day histograms of the processing time for the partial months at the ends of a period, and the
-- deliveries per connector and month for the reuse matrix. Every Bescheide aggregate holds the
-- first Bescheide before the watermark; the rows after it are the live tail.
create table if not exists steuerung_agg_bescheide_tage (
  tag date not null,
  landkreis_id text not null,
  leistung_id text not null,
  dauer_tage int not null,
  anzahl bigint not null,
  primary key (tag, landkreis_id, leistung_id, dauer_tage)
);
create table if not exists steuerung_agg_zustellungen (
  landkreis_id text not null,
  connector_id text not null,
  monat date not null,
  zuletzt timestamptz not null,
  primary key (landkreis_id, connector_id, monat)
);
create index if not exists outbox_created on outbox (created_at);

-- Recomputes all aggregates up to p_bis in one transaction (readers keep the old ones meanwhile).
create or replace function steuerung_aggregate_auffrischen(p_bis timestamptz)
  returns table (bis timestamptz, antraege bigint, dauer_ms int)
  language plpgsql security definer set search_path = public as $$
declare
  t0 timestamptz := clock_timestamp();
  n bigint;
  ms int;
begin
  perform pg_advisory_xact_lock(hashtext('steuerung_aggregate_auffrischen'));
  delete from steuerung_agg_antraege;
  insert into steuerung_agg_antraege (landkreis_id, leistung_id, formular_id, tag, anzahl, zuletzt)
  select a.tenant_id, a.leistung_id, v.formular_id, steuerung_tag(a.created_at), count(*), max(a.created_at)
  from antraege a left join formular_versionen v on v.id = a.formular_version_id
  where a.created_at < p_bis group by 1, 2, 3, 4;
  select coalesce(sum(g.anzahl), 0) into n from steuerung_agg_antraege g;

  delete from steuerung_agg_bescheide_tage;
  insert into steuerung_agg_bescheide_tage (tag, landkreis_id, leistung_id, dauer_tage, anzahl)
  select steuerung_tag(b.bescheid), a.tenant_id, a.leistung_id,
    floor(extract(epoch from b.bescheid - a.created_at) / 86400)::int, count(*)
  from (select m.tenant_id, m.antrag_id, min(m.created_at) as bescheid from antrag_nachrichten m
        where m.art = 'bescheid' group by 1, 2) b
  join antraege a on a.tenant_id = b.tenant_id and a.id = b.antrag_id
  where b.bescheid < p_bis
  group by 1, 2, 3, 4;
  delete from steuerung_agg_bescheide;
  insert into steuerung_agg_bescheide (landkreis_id, leistung_id, monat, dauer_tage, anzahl)
  select t.landkreis_id, t.leistung_id, date_trunc('month', t.tag)::date, t.dauer_tage, sum(t.anzahl)
  from steuerung_agg_bescheide_tage t group by 1, 2, 3, 4;

  delete from steuerung_agg_offen;
  insert into steuerung_agg_offen (landkreis_id, leistung_id, eingang_tag, anzahl)
  select a.tenant_id, a.leistung_id, steuerung_tag(a.created_at), count(*)
  from antraege a join vorgaenge v on v.tenant_id = a.tenant_id and v.id = a.vorgang_id
  where a.created_at < p_bis and v.status not in ('zurueckgezogen', 'abgeschlossen')
    and not exists (select 1 from antrag_nachrichten m where m.tenant_id = a.tenant_id and m.antrag_id = a.id
                    and m.art = 'bescheid' and m.created_at < p_bis)
  group by 1, 2, 3;

  delete from steuerung_agg_zustellungen;
  insert into steuerung_agg_zustellungen (landkreis_id, connector_id, monat, zuletzt)
  select o.tenant_id, o.connector_id, date_trunc('month', steuerung_tag(o.created_at))::date, max(o.created_at)
  from outbox o where o.created_at < p_bis group by 1, 2, 3;

  ms := (extract(epoch from clock_timestamp() - t0) * 1000)::int;
  insert into steuerung_aggregat_stand as s (id, bis, aufgefrischt_am, dauer_ms, antraege)
  values (true, p_bis, clock_timestamp(), ms, n)
  on conflict (id) do update set bis = excluded.bis, aufgefrischt_am = excluded.aufgefrischt_am,
    dauer_ms = excluded.dauer_ms, antraege = excluded.antraege;
  return query select p_bis, n, ms;
end $$;
revoke all on function steuerung_aggregate_auffrischen(timestamptz) from public;
grant execute on function steuerung_aggregate_auffrischen(timestamptz) to verbund_app;

-- Processing time Eingang → first Bescheid in whole days per county and service for the Bescheide of
-- [p_von, p_bis]: whole months from the month histograms, the partial months at both ends from the
-- day histograms, the first Bescheide after the watermark from the rows. Open cases on p_bis: those of
-- the last refresh, less the ones decided since, plus the open Anträge after the watermark.
create or replace function steuerung_bearbeitungszeiten(p_von date, p_bis date)
  returns table (tenant_id text, leistung_id text, beschieden bigint, median_tage double precision,
                 p90_tage double precision, offen bigint, offen_median_tage double precision, offen_max_tage double precision)
  language plpgsql stable security definer set search_path = public as $$
declare
  w timestamptz := steuerung_wasserzeichen();
  fs date := (date_trunc('month', p_von - 1) + interval '1 month')::date;
  fe date := date_trunc('month', p_bis + 1)::date;
begin
  if app_tenant() is null then
    raise exception 'steuerung_bearbeitungszeiten needs a tenant transaction' using errcode = '42501';
  end if;
  if fs >= fe then
    fs := p_bis + 1;
    fe := p_bis + 1;
  end if;
  return query execute $q$
    with roh as (
      select m.tenant_id, m.antrag_id, m.created_at as bescheid from antrag_nachrichten m
      where m.art = 'bescheid' and m.created_at >= greatest($8, $1) and m.created_at < $4
        and not exists (select 1 from antrag_nachrichten e where e.tenant_id = m.tenant_id
                        and e.antrag_id = m.antrag_id and e.art = 'bescheid' and e.created_at < m.created_at)
    ), dauer as (
      select g.landkreis_id as l, g.leistung_id as le, g.dauer_tage as d, g.anzahl as n
      from steuerung_agg_bescheide g where g.monat >= $5 and g.monat < $6
      union all
      select g.landkreis_id, g.leistung_id, g.dauer_tage, g.anzahl from steuerung_agg_bescheide_tage g
      where (g.tag >= $9 and g.tag < $5) or (g.tag >= $6 and g.tag <= $7)
      union all
      select a.tenant_id, a.leistung_id, floor(extract(epoch from r.bescheid - a.created_at) / 86400)::int, 1
      from roh r join antraege a on a.tenant_id = r.tenant_id and a.id = r.antrag_id
    ), dauer_h as (
      select d.l, d.le, d.d, sum(d.n)::bigint as n from dauer d group by 1, 2, 3
    ), zeiten as (
      select h.l, h.le, sum(h.n)::bigint as beschieden, array_agg(h.d order by h.d) as w,
        array_agg(h.n order by h.d) as c
      from dauer_h h group by 1, 2
    ), offen_roh as (
      select o.landkreis_id as l, o.leistung_id as le, o.eingang_tag as t, o.anzahl as n
      from steuerung_agg_offen o where o.eingang_tag <= $7
      union all
      select a.tenant_id, a.leistung_id, steuerung_tag(a.created_at), -1
      from antrag_nachrichten m join antraege a on a.tenant_id = m.tenant_id and a.id = m.antrag_id
      where m.art = 'bescheid' and m.created_at >= $8 and a.created_at < $8 and steuerung_tag(a.created_at) <= $7
        and not exists (select 1 from antrag_nachrichten e where e.tenant_id = m.tenant_id
                        and e.antrag_id = m.antrag_id and e.art = 'bescheid' and e.created_at < m.created_at)
      union all
      select a.tenant_id, a.leistung_id, steuerung_tag(a.created_at), 1
      from antraege a join vorgaenge v on v.tenant_id = a.tenant_id and v.id = a.vorgang_id
      where a.created_at >= $8 and a.created_at < $4 and v.status not in ('zurueckgezogen', 'abgeschlossen')
        and not exists (select 1 from antrag_nachrichten e where e.tenant_id = a.tenant_id
                        and e.antrag_id = a.id and e.art = 'bescheid')
    ), offen_h as (
      select o.l, o.le, ($7 - o.t) as alter, sum(o.n)::bigint as n from offen_roh o group by 1, 2, 3
      having sum(o.n) > 0
    ), offen as (
      select h.l, h.le, sum(h.n)::bigint as offen, array_agg(h.alter order by h.alter) as w,
        array_agg(h.n order by h.alter) as c, max(h.alter) as mx
      from offen_h h group by 1, 2
    )
    select coalesce(z.l, o.l), coalesce(z.le, o.le), coalesce(z.beschieden, 0)::bigint,
      steuerung_perzentil(z.w, z.c, 0.5), steuerung_perzentil(z.w, z.c, 0.9),
      coalesce(o.offen, 0)::bigint, steuerung_perzentil(o.w, o.c, 0.5), o.mx::float8
    from zeiten z full join offen o on o.l = z.l and o.le = z.le
    order by 1, 2 $q$
  using steuerung_zeitpunkt(p_von), null::timestamptz, null::timestamptz, steuerung_zeitpunkt(p_bis + 1),
    fs, fe, p_bis, w, p_von;
end $$;


-- Reuse per artifact and county (migration 0041; months in Europe/Berlin): Anträge from the daily
-- aggregates plus the tail, deliveries per month from their aggregate plus the tail.
create or replace function steuerung_nachnutzung_verbund()
  returns table (art text, artefakt_id text, tenant_id text, aktiviert_am date,
                 zuletzt_genutzt timestamptz, monate date[])
  language plpgsql stable security definer set search_path = public as $$
begin
  if app_tenant() is null then
    raise exception 'steuerung_nachnutzung_verbund needs a tenant transaction' using errcode = '42501';
  end if;
  return query execute $q$
  with antrag_monate as (
    select x.tenant_id, x.leistung_id, x.formular_id, x.monat, max(x.zuletzt) as zuletzt from (
      select g.landkreis_id as tenant_id, g.leistung_id, g.formular_id, date_trunc('month', g.tag)::date as monat,
        g.zuletzt
      from steuerung_agg_antraege g
      union all
      select a.tenant_id, a.leistung_id, v.formular_id, date_trunc('month', steuerung_tag(a.created_at))::date,
        a.created_at
      from antraege a left join formular_versionen v on v.id = a.formular_version_id where a.created_at >= $1
    ) x group by 1, 2, 3, 4
  ), dokument_monate as (
    select d.tenant_id, u.template_id, u.kennzeichen, date_trunc('month', d.created_at)::date as monat,
           max(d.created_at) as zuletzt
    from dokumente d join aktenplan_units u on u.tenant_id = d.tenant_id and u.id = d.unit_id
    where u.template_id is not null
    group by 1, 2, 3, 4
  ), zustell_monate as (
    select x.tenant_id, x.connector_id, x.monat, max(x.zuletzt) as zuletzt from (
      select z.landkreis_id as tenant_id, z.connector_id, z.monat, z.zuletzt from steuerung_agg_zustellungen z
      union all
      select o.tenant_id, o.connector_id, date_trunc('month', steuerung_tag(o.created_at))::date, o.created_at
      from outbox o where o.created_at >= $1
    ) x group by 1, 2, 3
  )
  select 'leistung', la.leistung_id, la.tenant_id, la.updated_at::date,
         (select max(m.zuletzt) from antrag_monate m where m.tenant_id = la.tenant_id and m.leistung_id = la.leistung_id),
         coalesce((select array_agg(distinct m.monat) from antrag_monate m
                   where m.tenant_id = la.tenant_id and m.leistung_id = la.leistung_id), '{}')
  from leistung_aktivierungen la where la.aktiv
  union all
  select 'formular', f.formular_id, f.tenant_id, f.seit,
         (select max(m.zuletzt) from antrag_monate m where m.tenant_id = f.tenant_id and m.formular_id = f.formular_id),
         coalesce((select array_agg(distinct m.monat) from antrag_monate m
                   where m.tenant_id = f.tenant_id and m.formular_id = f.formular_id), '{}')
  from (select la.tenant_id, l.formular_id, min(la.updated_at)::date as seit
        from leistung_aktivierungen la join leistungen l on l.id = la.leistung_id
        where la.aktiv and l.formular_id is not null group by 1, 2) f
  union all
  select 'connector', ca.connector_id, ca.tenant_id, ca.updated_at::date,
         (select max(m.zuletzt) from zustell_monate m where m.tenant_id = ca.tenant_id and m.connector_id = ca.connector_id),
         coalesce((select array_agg(distinct m.monat) from zustell_monate m
                   where m.tenant_id = ca.tenant_id and m.connector_id = ca.connector_id), '{}')
  from connector_aktivierungen ca where ca.status = 'active'
  union all
  select 'aktenplan-vorlage', u.template_id, u.tenant_id, min(u.created_at)::date,
         (select max(m.zuletzt) from dokument_monate m where m.tenant_id = u.tenant_id and m.template_id = u.template_id),
         coalesce((select array_agg(distinct m.monat) from dokument_monate m
                   where m.tenant_id = u.tenant_id and m.template_id = u.template_id), '{}')
  from aktenplan_units u where u.template_id is not null group by u.tenant_id, u.template_id
  union all
  select 'aktenplan-einheit', u.template_id || ':' || u.kennzeichen, u.tenant_id, u.created_at::date,
         (select max(m.zuletzt) from dokument_monate m
          where m.tenant_id = u.tenant_id and m.template_id = u.template_id and m.kennzeichen = u.kennzeichen),
         coalesce((select array_agg(distinct m.monat) from dokument_monate m
                   where m.tenant_id = u.tenant_id and m.template_id = u.template_id and m.kennzeichen = u.kennzeichen), '{}')
  from aktenplan_units u where u.template_id is not null $q$
  using steuerung_wasserzeichen();
end $$;

