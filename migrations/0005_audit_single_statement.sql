-- The audit head remembers the previous hash, so one statement can lock the head, advance it and
-- append the event (see appendAuditEvent): the tenant's chain lock is held for one round trip.
alter table audit_heads add column prev_hash text;
