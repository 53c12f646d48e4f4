-- OParl 1.1 (issue 12, point 5): created/modified on every council row, soft deletes for the OParl main
-- objects, parents' `updated_at` kept true when their embedded children change, keyset-paging indexes.

-- Soft deletes of the main objects (Organization, Person, Meeting, Paper): OParl answers a deleted
-- object with HTTP 200 and `deleted: true`, never 404/410, so a row is marked, not removed.
alter table gremien add column deleted_at timestamptz;
alter table personen add column deleted_at timestamptz;
alter table sitzungen add column deleted_at timestamptz;
alter table vorlagen add column deleted_at timestamptz;

-- Beratungsfolge entries are OParl Consultations: they need an id and created/modified. The
-- Beratungsfolge of a Vorlage is replaced only before publication (a published Vorlage is
-- unchangeable), so the ids of every published entry are stable.
alter table beratungsfolge add column id uuid not null default gen_random_uuid();
alter table beratungsfolge add column created_at timestamptz not null default now();
alter table beratungsfolge add column updated_at timestamptz not null default now();
alter table beratungsfolge add constraint beratungsfolge_id unique (tenant_id, id);
alter table beratungen add column created_at timestamptz not null default now();

-- Every writer keeps `updated_at` (OParl `modified`), not only the repositories that remember to;
-- an update that changes nothing leaves it alone.
create function verbund_touch_updated_at() returns trigger language plpgsql as $$
begin
  if new is distinct from old then
    new.updated_at := now();
  end if;
  return new;
end $$;

do $$
declare t text;
begin
  foreach t in array array['wahlperioden', 'gremien', 'personen', 'mitgliedschaften', 'vorlagen',
                           'beratungsfolge', 'sitzungen', 'tagesordnungspunkte', 'beratungen', 'beschluesse']
  loop
    execute format('create trigger %I before update on %I for each row execute function verbund_touch_updated_at()',
                   t || '_updated_at', t);
  end loop;
end $$;

-- A change of an embedded child is a change of its parent (OParl: "beim Löschen eines Subobjekts
-- muss modified des Hauptobjekts aktualisiert werden"): agenda items, attendance and votes touch
-- the Meeting, the Beratungsfolge touches the Paper, a membership touches Person and Organization.
-- The parent's own trigger then sets `updated_at`; a TOP's touch reaches its session the same way.
create function verbund_touch_parent() returns trigger language plpgsql as $$
declare
  r record := coalesce(new, old);
begin
  case tg_table_name
    when 'tagesordnungspunkte' then
      update sitzungen set updated_at = now() where id = r.sitzung_id and updated_at < now();
    when 'anwesenheiten' then
      update sitzungen set updated_at = now() where id = r.sitzung_id and updated_at < now();
    when 'beratungen' then
      update tagesordnungspunkte set updated_at = now() where id = r.top_id and updated_at < now();
    when 'beschluesse' then
      update tagesordnungspunkte set updated_at = now() where id = r.top_id and updated_at < now();
    when 'beratungsfolge', 'vorlage_anlagen' then
      update vorlagen set updated_at = now() where id = r.vorlage_id and updated_at < now();
    when 'mitgliedschaften' then
      update personen set updated_at = now() where id = r.person_id and updated_at < now();
      update gremien set updated_at = now() where id = r.gremium_id and updated_at < now();
  end case;
  return null;
end $$;

do $$
declare t text;
begin
  foreach t in array array['tagesordnungspunkte', 'anwesenheiten', 'beratungen', 'beschluesse',
                           'beratungsfolge', 'mitgliedschaften']
  loop
    execute format('create trigger %I after insert or update or delete on %I for each row execute function verbund_touch_parent()',
                   t || '_touch_parent', t);
  end loop;
end $$;

-- Keyset paging walks each list in id order (unique and immutable: a walk returns every object once,
-- whatever is added meanwhile). Papers: only ever-published Vorlagen are in OParl, so the walk
-- uses a partial index and skips drafts. Sync clients filter by modified: (tenant, updated_at).
create index vorlagen_oparl on vorlagen (tenant_id, id) where veroeffentlicht_am is not null;
create index vorlagen_geaendert on vorlagen (tenant_id, updated_at);
create index sitzungen_geaendert on sitzungen (tenant_id, updated_at);
create index beratungsfolge_vorlage on beratungsfolge (tenant_id, vorlage_id, position);

