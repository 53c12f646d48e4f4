-- Ratsinfo (issue 12, part 4): the search index of the public council pages – one row per published, public Vorlage.

-- The vector is built by the search module's German analyzer in the application (as for documents);
-- PostgreSQL cannot compute it. So a trigger on `vorlagen` keeps the set of rows exact (a row for every
-- published public Vorlage, none for any other) and marks a row pending (search is null) whenever the
-- text may have changed; the public search fills pending rows before it answers (bounded per request).
create table ratsinfo_suche (
  tenant_id text not null references tenants(id),
  vorlage_id uuid not null,
  search tsvector, -- null: not yet (re)indexed
  refs text[] not null default '{}', -- reference numbers (Drucksachen-Nr.), matched exactly
  indexed_at timestamptz,
  primary key (tenant_id, vorlage_id),
  foreign key (tenant_id, vorlage_id) references vorlagen(tenant_id, id) on delete cascade
);
create index ratsinfo_suche_search on ratsinfo_suche using gin (search);
create index ratsinfo_suche_refs on ratsinfo_suche using gin (refs);
create index ratsinfo_suche_offen on ratsinfo_suche (tenant_id) where search is null;
select verbund_tenant_table('ratsinfo_suche');

create function ratsinfo_suche_pflegen() returns trigger language plpgsql as $$
begin
  if new.status = 'veroeffentlicht' and new.oeffentlich then
    if tg_op = 'INSERT' or old.status is distinct from new.status or old.oeffentlich is distinct from new.oeffentlich
       or old.drucksachen_nr is distinct from new.drucksachen_nr or old.betreff is distinct from new.betreff
       or old.einreicher is distinct from new.einreicher or old.art is distinct from new.art
       or old.beschlussvorschlag is distinct from new.beschlussvorschlag
       or old.begruendung is distinct from new.begruendung then
      insert into ratsinfo_suche (tenant_id, vorlage_id) values (new.tenant_id, new.id)
        on conflict (tenant_id, vorlage_id) do update set search = null, refs = '{}', indexed_at = null;
    end if;
  elsif tg_op = 'UPDATE' then
    delete from ratsinfo_suche where tenant_id = new.tenant_id and vorlage_id = new.id;
  end if;
  return new;
end $$;
create trigger ratsinfo_suche_pflegen after insert or update on vorlagen
  for each row execute function ratsinfo_suche_pflegen();

-- Vorlagen already published when this migration runs.
insert into ratsinfo_suche (tenant_id, vorlage_id)
  select tenant_id, id from vorlagen where status = 'veroeffentlicht' and oeffentlich;

-- The Vorlage page lists the sessions that dealt with it (agenda items by Vorlage).
create index tagesordnungspunkte_vorlage on tagesordnungspunkte (tenant_id, vorlage_id) where vorlage_id is not null;
-- The calendar and the iCal feed read a Gremium's sessions by date.
create index sitzungen_gremium_beginn on sitzungen (tenant_id, gremium_id, beginn);
-- The public list of the newest published public Vorlagen (search page without a query).
create index vorlagen_oeffentlich_neueste on vorlagen (tenant_id, veroeffentlicht_am desc, id)
  where status = 'veroeffentlicht' and oeffentlich;
