-- Steuerung (issue 13), Nachnutzung: which county has activated which shared artifact, and in which
-- months it used it. Counts and dates only, never content; the one cross-county read of reuse.

-- Per artifact and county: activated (and since when), the last use and the months with a use.
-- Kinds: leistung (activation; Anträge), formular (an active Leistung with the form; Anträge on one
-- of its versions), connector (activation with an endpoint; deliveries), aktenplan-vorlage and
-- aktenplan-einheit (units adopted from the template; Dokumente filed under them).
-- Called inside the caller's tenant transaction, which appends an audit event of the call.
create function steuerung_nachnutzung_verbund()
  returns table (art text, artefakt_id text, tenant_id text, aktiviert_am date,
                 zuletzt_genutzt timestamptz, monate date[])
  language plpgsql stable security definer set search_path = public as $$
begin
  if app_tenant() is null then
    raise exception 'steuerung_nachnutzung_verbund needs a tenant transaction' using errcode = '42501';
  end if;
  return query
  with antrag_monate as (
    select a.tenant_id, a.leistung_id, v.formular_id, date_trunc('month', a.created_at)::date as monat,
           max(a.created_at) as zuletzt
    from antraege a left join formular_versionen v on v.id = a.formular_version_id
    group by 1, 2, 3, 4
  ), dokument_monate as (
    select d.tenant_id, u.template_id, u.kennzeichen, date_trunc('month', d.created_at)::date as monat,
           max(d.created_at) as zuletzt
    from dokumente d join aktenplan_units u on u.tenant_id = d.tenant_id and u.id = d.unit_id
    where u.template_id is not null
    group by 1, 2, 3, 4
  ), zustell_monate as (
    select o.tenant_id, o.connector_id, date_trunc('month', o.created_at)::date as monat, max(o.created_at) as zuletzt
    from outbox o group by 1, 2, 3
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
  from aktenplan_units u where u.template_id is not null;
end $$;
revoke all on function steuerung_nachnutzung_verbund() from public;
grant execute on function steuerung_nachnutzung_verbund() to verbund_app;
