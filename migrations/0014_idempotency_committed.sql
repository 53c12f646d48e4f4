-- Idempotency-Key: note in the work's own transaction that it committed, so a retry after a crash never runs it twice.

-- Set by the statement the database layer appends to each writing transaction of a request with a
-- key (same transaction as the object). A key still 'running' after its lease ran out with
-- committed_at set belongs to a request that died between its commit and storing its answer:
-- a retry gets 409 idempotency.outcome_unknown instead of running again.
alter table idempotency_keys add column committed_at timestamptz;
