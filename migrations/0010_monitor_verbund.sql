-- The Serviceteam (verbund-admin) sees delivery health per connector and county: aggregates only
-- (counts and latencies), never payloads, so county isolation of the data itself is untouched.
create function integration_monitor_verbund()
  returns table (connector_id text, tenant_id text, zugestellt int, wartend int, fehlerhaft int, tot int,
                 p50_ms double precision, p95_ms double precision, zuletzt timestamptz)
  language sql stable security definer set search_path = public as $$
  select o.connector_id, o.tenant_id,
    count(*) filter (where o.status = 'delivered')::int,
    count(*) filter (where o.status in ('pending', 'delivering') and o.attempts = 0)::int,
    count(*) filter (where o.status in ('pending', 'delivering') and o.attempts > 0)::int,
    count(*) filter (where o.status = 'dead')::int,
    percentile_cont(0.5) within group (order by extract(epoch from o.delivered_at - o.created_at) * 1000)
      filter (where o.status = 'delivered'),
    percentile_cont(0.95) within group (order by extract(epoch from o.delivered_at - o.created_at) * 1000)
      filter (where o.status = 'delivered'),
    max(o.delivered_at)
  from outbox o group by o.connector_id, o.tenant_id order by 1, 2
$$;
revoke all on function integration_monitor_verbund() from public;
grant execute on function integration_monitor_verbund() to verbund_app;
