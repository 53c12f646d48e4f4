-- Nachnutzungsgrad des Verbunds für jeden Landkreis (issue 13): nur die Summe – Nutzungen durch
-- Nicht-Eigentümer / (Artefakte × (Mitglieder − 1)) – am Stichtag und am Ende jedes Monats, nie eine
-- Zeile eines Artefakts oder eines Landkreises. Dieselben Regeln wie nachnutzung.models.ts (matrix,
-- verlauf) über dieselben Zeilen (steuerung_nachnutzung_verbund_roh); die geteilten Artefakte stehen
-- einmal in der Sicht steuerung_artefakte, aus der auch nachnutzung/artefakt-arten.ts liest.
-- nachnutzungsgrad.test.ts prüft Gleichheit mit der Rechnung des Serviceteams.
create view steuerung_artefakte as
  select 'leistung'::text as art, l.id::text as id, l.name::text as label, l.owner_tenant_id::text as owner_tenant_id,
         l.created_at::date as seit
  from leistungen l
  union all
  select 'formular', f.id::text, f.name::text, f.owner_tenant_id::text, f.created_at::date from formulare f
  union all
  select 'connector', c.id::text, c.name::text, c.owner_tenant_id::text, c.created_at::date from connector_definitionen c
  union all
  select 'aktenplan-vorlage', t.id::text, t.name::text, t.owner_tenant_id::text, t.created_at::date from aktenplan_templates t
  union all
  select 'aktenplan-einheit', u.template_id || ':' || u.kennzeichen, u.kennzeichen || ' ' || u.titel,
         t.owner_tenant_id::text, t.created_at::date
  from aktenplan_template_units u join aktenplan_templates t on t.id = u.template_id;
grant select on steuerung_artefakte to verbund_app;

create function steuerung_nachnutzungsgrad_verbund(p_stichtag date)
  returns table (monat date, genutzt bigint, moeglich bigint)
  language plpgsql stable security definer set search_path = public as $$
begin
  if app_tenant() is null then
    raise exception 'steuerung_nachnutzungsgrad_verbund needs a tenant transaction' using errcode = '42501';
  end if;
  if p_stichtag is null then
    raise exception 'steuerung_nachnutzungsgrad_verbund needs a day' using errcode = '22004';
  end if;
  return query
  with artefakte as (
    select x.art, x.id, x.owner_tenant_id as owner, x.seit from steuerung_artefakte x
  ), mitglieder as (
    select t.id::text as id, m.member_since as seit, (to_jsonb(m) ->> 'member_until')::date as bis
    from tenants t join agreement_members m on m.member_id = t.id
  ), nutzungen as materialized (
    select * from steuerung_nachnutzung_verbund_roh()
  ), monate as (
    -- at most 120 month ends from the first join, as the Serviceteam's Verlauf
    select g::date as monat from generate_series(
      date_trunc('month', (select min(seit) from mitglieder)::timestamp),
      date_trunc('month', p_stichtag::timestamp), interval '1 month') g
    order by 1 limit 120
  ), zeitpunkte as (
    select null::date as monat, p_stichtag as ende
    union all
    select m.monat, (m.monat + interval '1 month' - interval '1 day')::date from monate m
  )
  select z.monat, count(n.tenant_id), count(*)
  from zeitpunkte z
    join artefakte a on a.seit <= z.ende
    join mitglieder m on m.seit <= z.ende and (m.bis is null or m.bis > z.ende) and m.id is distinct from a.owner
    left join nutzungen n
      on n.art = a.art and n.artefakt_id = a.id and n.tenant_id = m.id and n.aktiviert_am <= z.ende
     and case when z.monat is null
           -- the day: used in the 90 days up to its end (UTC, as matrix())
           then n.zuletzt_genutzt >= ((z.ende + 1)::timestamp at time zone 'UTC') - interval '1 millisecond' - interval '90 days'
           -- a month: used in it or the two before (verlauf())
           else n.monate && array[z.monat, (z.monat - interval '1 month')::date, (z.monat - interval '2 months')::date]
         end
  group by z.monat
  order by z.monat nulls first;
end $$;
revoke all on function steuerung_nachnutzungsgrad_verbund(date) from public;
grant execute on function steuerung_nachnutzungsgrad_verbund(date) to verbund_app;
