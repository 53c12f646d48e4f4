-- Änderungen der Zweckvereinbarung (issue 12): the database keeps a county to its own party row; the Verbund-level fields are written only on the amendment process's own path.

-- The amendment process marks its Verbund-level transactions (aenderungenRepository.verbundPath):
-- creating an amendment and its parties, putting the Vorlagen, Genehmigung, Bekanntmachung,
-- signatures, the Vollzug. A county's own transaction (the Beratung hook) carries no mark.
create function aenderung_verfahren() returns boolean
  language sql stable
  as $$ select coalesce(current_setting('app.aenderung_verfahren', true), '') = 'on' $$;

-- Every member reads every party row (the Verbund view). Rows are added only on the process's
-- path; a county's transaction updates only its own row (its Kreistag's resolution).
alter table aenderung_beteiligte enable row level security;
alter table aenderung_beteiligte force row level security;
create policy lesen on aenderung_beteiligte for select using (true);
create policy anlegen on aenderung_beteiligte for insert with check (aenderung_verfahren());
-- USING is open on purpose: a foreign row is not silently skipped but refused (trigger below,
-- then this check), so a mistaken write fails loudly instead of doing nothing.
create policy beschliessen on aenderung_beteiligte for update using (true)
  with check (aenderung_verfahren() or landkreis_id = app_tenant());

-- Outside the process's path: only the county's own row, only its resolution (state, Beschluss-Nr.,
-- date, resolved version); the Vorlage, role, signature and sample-data mark stay as they are.
create function aenderung_beteiligte_schutz() returns trigger
  language plpgsql as $$
begin
  if aenderung_verfahren() then
    return new;
  end if;
  if app_tenant() is null or old.landkreis_id <> app_tenant() then
    raise exception 'Der Landkreis % darf nur seine eigene Beteiligung an einer Änderung erfassen, nicht die von %.',
      coalesce(app_tenant(), '(keiner)'), old.landkreis_id
      using errcode = 'insufficient_privilege';
  end if;
  if new.aenderung_id is distinct from old.aenderung_id or new.landkreis_id is distinct from old.landkreis_id
     or new.rolle is distinct from old.rolle or new.vorlage_id is distinct from old.vorlage_id
     or new.drucksachen_nr is distinct from old.drucksachen_nr
     or new.unterzeichnet_am is distinct from old.unterzeichnet_am
     or new.unterzeichnet_von is distinct from old.unterzeichnet_von
     or new.beispieldaten is distinct from old.beispieldaten then
    raise exception 'Ein Landkreis erfasst an seiner Beteiligung nur den Beschluss (Stand, Beschluss-Nr., Datum, Fassung).'
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end $$;
create trigger aenderung_beteiligte_schutz before update on aenderung_beteiligte
  for each row execute function aenderung_beteiligte_schutz();

-- The amendment itself: created and given its acts (Genehmigung, Bekanntmachung, Vollzug) only on
-- the process's path. A county's transaction may only store the state derived from the parties
-- (status, wirksam_ab), which the Beratung hook recomputes after the county's resolution.
create function aenderungen_schutz() returns trigger
  language plpgsql as $$
begin
  if aenderung_verfahren() then
    return new;
  end if;
  if tg_op = 'INSERT' then
    raise exception 'Eine Änderung der Zweckvereinbarung legt nur das Verfahren des Serviceteams an.'
      using errcode = 'insufficient_privilege';
  end if;
  if (to_jsonb(new) - array['status', 'wirksam_ab', 'updated_at'])
     is distinct from (to_jsonb(old) - array['status', 'wirksam_ab', 'updated_at']) then
    raise exception 'Ein Landkreis ändert an einer Änderung der Zweckvereinbarung nur ihren abgeleiteten Stand.'
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end $$;
create trigger aenderungen_schutz before insert or update on aenderungen
  for each row execute function aenderungen_schutz();
