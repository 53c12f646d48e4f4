-- Clean virus-scan verdicts of intake bytes per county, so a file is not scanned again when its intake is repeated after a crash.
-- Written right after clamd answered "clean" (asynchronous commit: a verdict lost in a crash only
-- means one more scan), read before scanning; a verdict older than a day is not used (the
-- signatures may have changed meanwhile). Infected files are refused and audited, never kept here.
create table virenscan_befunde (
  tenant_id text not null references tenants(id),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  geprueft_at timestamptz not null default now(),
  primary key (tenant_id, sha256)
);
select verbund_tenant_table('virenscan_befunde', 'select, insert, update');
