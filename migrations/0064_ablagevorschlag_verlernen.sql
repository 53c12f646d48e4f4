-- Posteingang (issue 14, point 7): filing suggestions unlearn moved and deleted documents, know the
-- Akte as a class of its own, and carry a model version that in-memory copies of the model check.

-- The model of 0058 is relearned from scratch: its counts were made without title features and
-- without a record of what each document contributed (nothing could be unlearned). It is derived
-- data; the worker rebuilds it from the filed documents within minutes.
truncate ablage_terme, ablage_klassen, ablage_stand;

alter table ablage_terme drop constraint ablage_terme_merkmal_check;
alter table ablage_terme add constraint ablage_terme_merkmal_check
  check (merkmal in ('einheit', 'akte', 'vorgang', 'art'));
alter table ablage_klassen drop constraint ablage_klassen_merkmal_check;
alter table ablage_klassen add constraint ablage_klassen_merkmal_check
  check (merkmal in ('einheit', 'akte', 'vorgang', 'art'));
-- Counts go down when a document is unlearned; a row that reaches 0 is deleted by the same pass.
alter table ablage_terme drop constraint ablage_terme_anzahl_check;
alter table ablage_terme add constraint ablage_terme_anzahl_check check (anzahl >= 0);
grant delete on ablage_terme, ablage_klassen to verbund_app;

-- Bumped by every learning pass that changed the model: a process holding the model in memory
-- reloads it when the version it holds is not the county's current one.
alter table ablage_stand add column version bigint not null default 0;

-- What each learned document contributed (its classes and its terms), so that a move or a deletion
-- can take exactly that out again. Deleted together with the contribution.
create table ablage_gelernt (
  tenant_id text not null references tenants(id),
  dokument_id uuid not null,
  einheit text not null,
  akte text not null,
  vorgang text not null,
  art text not null,
  terme text[] not null,
  primary key (tenant_id, dokument_id)
);
select verbund_tenant_table('ablage_gelernt', 'select, insert, update, delete');

-- Documents whose classes changed or that were deleted since the learner last looked (an outbox of
-- the model, written by the trigger below whichever code path moved or deleted the document).
create table ablage_aenderungen (
  tenant_id text not null references tenants(id),
  id bigint generated always as identity,
  dokument_id uuid not null,
  primary key (tenant_id, id)
);
select verbund_tenant_table('ablage_aenderungen', 'select, insert, delete');

create function ablage_aenderung_merken() returns trigger language plpgsql as $$
begin
  insert into ablage_aenderungen (tenant_id, dokument_id) values (old.tenant_id, old.id);
  return null;
end $$;

create trigger dokumente_ablage_verschoben after update of unit_id, akte_id, vorgang_id, art on dokumente
  for each row when (
    (old.unit_id, old.akte_id, old.vorgang_id, old.art) is distinct from
    (new.unit_id, new.akte_id, new.vorgang_id, new.art))
  execute function ablage_aenderung_merken();
create trigger dokumente_ablage_geloescht after delete on dokumente
  for each row execute function ablage_aenderung_merken();
