-- Steuerung (issue 13), connector health per connector and county: success rate over 24 hours and
-- 7 days, last success, dead letters, failing deliveries and p95 latency. Counts only, no payloads.
create function steuerung_anbindungen_zustand(p_jetzt timestamptz)
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
    count(*) filter (where o.status = 'delivered' and o.delivered_at > p_jetzt - interval '24 hours'),
    count(*) filter (where o.created_at > p_jetzt - interval '24 hours' and (o.status in ('delivered', 'dead') or o.attempts > 0)),
    count(*) filter (where o.status = 'delivered' and o.delivered_at > p_jetzt - interval '7 days'),
    count(*) filter (where o.created_at > p_jetzt - interval '7 days' and (o.status in ('delivered', 'dead') or o.attempts > 0)),
    max(o.delivered_at),
    count(*) filter (where o.status = 'dead'),
    count(*) filter (where o.status in ('pending', 'delivering') and o.attempts > 0),
    (percentile_cont(0.95) within group (order by extract(epoch from o.delivered_at - o.created_at) * 1000)
      filter (where o.status = 'delivered' and o.delivered_at > p_jetzt - interval '7 days'))::float8
  from connector_aktivierungen ca
  left join outbox o on o.tenant_id = ca.tenant_id and o.connector_id = ca.connector_id
  group by ca.connector_id, ca.tenant_id, ca.status order by 1, 2;
end $$;
revoke all on function steuerung_anbindungen_zustand(timestamptz) from public;
grant execute on function steuerung_anbindungen_zustand(timestamptz) to verbund_app;
