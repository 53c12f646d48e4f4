-- E-Akte (xdomea hierarchy): Aktenplan → Akte → Vorgang → Dokument → Version, search, Postkorb.

-- German folding for search: case, ä/ae, ö/oe, ü/ue, ß/ss. Index and query go through the same
-- function, so "Aenderung", "änderung" and "ÄNDERUNG" meet. (lower() alone does not fold non-ASCII
-- letters under the C collation, hence the explicit replacements first.)
create function verbund_fold(t text) returns text
  language sql immutable parallel safe strict as $$
  select lower(replace(replace(replace(replace(replace(replace(replace(replace(t,
    'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss'))
$$;

-- Weighted German search vector: title A, metadata B, content D. Content is capped so one huge
-- document cannot exceed the tsvector size limit.
create function verbund_search_vector(titel text, meta text, content text) returns tsvector
  language sql immutable parallel safe as $$
  select setweight(to_tsvector('german', verbund_fold(coalesce(titel, ''))), 'A')
      || setweight(to_tsvector('german', verbund_fold(coalesce(meta, ''))), 'B')
      || setweight(to_tsvector('german', verbund_fold(left(coalesce(content, ''), 400000))), 'D')
$$;

-- Verbund level: filing-plan templates, shared by all members, each owned by the county that built it.
create table aktenplan_templates (
  id text primary key check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text not null check (length(name) between 2 and 200),
  owner_tenant_id text references tenants(id),
  version int not null default 1,
  created_at timestamptz not null default now()
);
grant select, insert, update on aktenplan_templates to verbund_app;

create table aktenplan_template_units (
  template_id text not null references aktenplan_templates(id),
  kennzeichen text not null check (kennzeichen ~ '^[0-9]{1,3}(\.[0-9]{1,3}){0,5}$'),
  titel text not null check (length(titel) between 1 and 300),
  aufbewahrung_jahre int check (aufbewahrung_jahre between 0 and 200),
  aussonderung char(1) not null check (aussonderung in ('A', 'B', 'V')),
  vertraulichkeit text not null default 'offen' check (vertraulichkeit in ('offen', 'intern', 'vertraulich')),
  primary key (template_id, kennzeichen)
);
grant select, insert, update, delete on aktenplan_template_units to verbund_app;

-- The county's own Aktenplan: adopted from the template on onboarding, extendable.
create table aktenplan_units (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  parent_id uuid,
  kennzeichen text not null check (kennzeichen ~ '^[0-9]{1,3}(\.[0-9]{1,3}){0,5}$'),
  titel text not null check (length(titel) between 1 and 300),
  aufbewahrung_jahre int check (aufbewahrung_jahre between 0 and 200),
  aussonderung char(1) not null check (aussonderung in ('A', 'B', 'V')),
  vertraulichkeit text not null default 'offen' check (vertraulichkeit in ('offen', 'intern', 'vertraulich')),
  template_id text references aktenplan_templates(id),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, kennzeichen),
  foreign key (tenant_id, parent_id) references aktenplan_units(tenant_id, id)
);
select verbund_tenant_table('aktenplan_units');

create table records_settings (
  tenant_id text primary key references tenants(id),
  -- Placeholders: {kennzeichen}, {nr} (or {nr:4} zero-padded), {jahr}, {kreis} (Kreisschlüssel).
  aktenzeichen_muster text not null default '{kennzeichen}-{nr:4}/{jahr}',
  default_kennzeichen text
);
select verbund_tenant_table('records_settings', 'select, insert, update');

create table aktenzeichen_counters (
  tenant_id text not null references tenants(id),
  unit_id uuid not null,
  jahr int not null,
  letzte_nr int not null,
  primary key (tenant_id, unit_id, jahr),
  foreign key (tenant_id, unit_id) references aktenplan_units(tenant_id, id)
);
select verbund_tenant_table('aktenzeichen_counters', 'select, insert, update');

create table akten (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  unit_id uuid not null,
  aktenzeichen text not null,
  titel text not null check (length(titel) between 1 and 500),
  federfuehrende_oe_id uuid,
  status text not null default 'offen' check (status in ('offen', 'zda')),
  vertraulichkeit text not null default 'offen' check (vertraulichkeit in ('offen', 'intern', 'vertraulich')),
  created_at timestamptz not null default now(),
  created_by text not null,
  closed_at timestamptz,
  primary key (tenant_id, id),
  unique (tenant_id, aktenzeichen),
  foreign key (tenant_id, unit_id) references aktenplan_units(tenant_id, id),
  foreign key (tenant_id, federfuehrende_oe_id) references org_units(tenant_id, id)
);
create index akten_unit on akten (tenant_id, unit_id);
select verbund_tenant_table('akten');

create table vorgaenge (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  akte_id uuid not null,
  betreff text not null check (length(betreff) between 1 and 500),
  status text not null default 'neu' check (status in (
    'neu', 'in-bearbeitung', 'nachforderung', 'ruhend', 'beschieden', 'abgelehnt', 'zurueckgezogen', 'abgeschlossen')),
  eingangsdatum date not null default current_date,
  frist date,
  wiedervorlage date,
  zustaendig_user_id uuid,
  zustaendig_oe_id uuid,
  externe_referenz text check (length(externe_referenz) <= 200),
  created_at timestamptz not null default now(),
  created_by text not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, akte_id) references akten(tenant_id, id),
  foreign key (tenant_id, zustaendig_user_id) references users(tenant_id, id),
  foreign key (tenant_id, zustaendig_oe_id) references org_units(tenant_id, id)
);
create index vorgaenge_akte on vorgaenge (tenant_id, akte_id);
create index vorgaenge_user on vorgaenge (tenant_id, zustaendig_user_id) where zustaendig_user_id is not null;
create index vorgaenge_oe on vorgaenge (tenant_id, zustaendig_oe_id) where zustaendig_oe_id is not null;
create index vorgaenge_faellig on vorgaenge (tenant_id, least(wiedervorlage, frist));
select verbund_tenant_table('vorgaenge');

create table dokumente (
  tenant_id text not null references tenants(id),
  id uuid not null default gen_random_uuid(),
  vorgang_id uuid not null,
  akte_id uuid not null,
  unit_id uuid not null,
  parent_dokument_id uuid,
  titel text not null check (length(titel) between 1 and 500),
  art text not null default 'eingang' check (art in ('eingang', 'ausgang', 'intern')),
  datum date not null default current_date,
  absender text check (length(absender) <= 500),
  empfaenger text check (length(empfaenger) <= 500),
  -- Typed custom fields: [{"name": "...", "typ": "text|zahl|datum|ja-nein", "wert": ...}]
  metadaten jsonb not null default '[]' check (jsonb_typeof(metadaten) = 'array'),
  vertraulichkeit text not null default 'offen' check (vertraulichkeit in ('offen', 'intern', 'vertraulich')),
  aktuelle_version int not null default 0,
  text_status text not null default 'pending' check (text_status in ('pending', 'done', 'failed')),
  text_fehler text,
  -- Reference numbers found in metadata and content (Aktenzeichen, Drucksachen-Nr.), upper-cased.
  refs text[] not null default '{}',
  search tsvector not null default ''::tsvector,
  created_at timestamptz not null default now(),
  created_by text not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, vorgang_id) references vorgaenge(tenant_id, id),
  foreign key (tenant_id, akte_id) references akten(tenant_id, id),
  foreign key (tenant_id, unit_id) references aktenplan_units(tenant_id, id),
  foreign key (tenant_id, parent_dokument_id) references dokumente(tenant_id, id)
);
create index dokumente_vorgang on dokumente (tenant_id, vorgang_id);
create index dokumente_akte on dokumente (tenant_id, akte_id);
create index dokumente_search on dokumente using gin (search);
create index dokumente_refs on dokumente using gin (refs);
create index dokumente_datum on dokumente (tenant_id, datum);
select verbund_tenant_table('dokumente');

create table dokument_versionen (
  tenant_id text not null references tenants(id),
  dokument_id uuid not null,
  version int not null check (version > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  groesse bigint not null check (groesse >= 0),
  mime text not null,
  dateiname text not null,
  kommentar text,
  created_at timestamptz not null default now(),
  created_by text not null,
  text text,
  text_status text not null default 'pending' check (text_status in ('pending', 'done', 'failed')),
  text_fehler text,
  extractor text,
  seiten int,
  primary key (tenant_id, dokument_id, version),
  foreign key (tenant_id, dokument_id) references dokumente(tenant_id, id)
);
select verbund_tenant_table('dokument_versionen', 'select, insert, update');

-- Versions are immutable: only the extraction result may be filled in later.
create function dokument_versionen_immutable() returns trigger language plpgsql as $$
begin
  if (new.tenant_id, new.dokument_id, new.version, new.sha256, new.groesse, new.mime, new.dateiname,
      new.created_at, new.created_by, new.kommentar)
     is distinct from
     (old.tenant_id, old.dokument_id, old.version, old.sha256, old.groesse, old.mime, old.dateiname,
      old.created_at, old.created_by, old.kommentar) then
    raise exception 'document versions are immutable' using errcode = '42501';
  end if;
  return new;
end $$;
create trigger dokument_versionen_immutable before update on dokument_versionen
  for each row execute function dokument_versionen_immutable();

-- z.d.A. freezes an Akte: nothing may be added to it or changed in it until it is reopened.
create function akte_must_be_open() returns trigger language plpgsql as $$
declare
  akte uuid;
  state text;
begin
  if tg_table_name = 'vorgaenge' then
    akte := new.akte_id;
  elsif tg_table_name = 'dokumente' then
    -- Only content changes count; the extraction worker may still finish indexing.
    if tg_op = 'UPDATE' and (new.titel, new.art, new.datum, new.absender, new.empfaenger, new.metadaten,
        new.vertraulichkeit, new.aktuelle_version, new.vorgang_id)
        is not distinct from (old.titel, old.art, old.datum, old.absender, old.empfaenger, old.metadaten,
        old.vertraulichkeit, old.aktuelle_version, old.vorgang_id) then
      return new;
    end if;
    akte := new.akte_id;
  else
    select d.akte_id into akte from dokumente d where d.tenant_id = new.tenant_id and d.id = new.dokument_id;
  end if;
  select a.status into state from akten a where a.tenant_id = new.tenant_id and a.id = akte;
  if state = 'zda' then
    raise exception 'Akte % is closed (z.d.A.)', akte using errcode = 'P0001', hint = 'akte.closed';
  end if;
  return new;
end $$;
create trigger vorgaenge_akte_open before insert or update on vorgaenge
  for each row execute function akte_must_be_open();
create trigger dokumente_akte_open before insert or update on dokumente
  for each row execute function akte_must_be_open();
create trigger dokument_versionen_akte_open before insert on dokument_versionen
  for each row execute function akte_must_be_open();

-- What a person has already seen in the Postkorb.
create table postkorb_gesehen (
  tenant_id text not null references tenants(id),
  user_id uuid not null,
  objekt_typ text not null check (objekt_typ in ('vorgang', 'dokument')),
  objekt_id uuid not null,
  gesehen_at timestamptz not null default now(),
  primary key (tenant_id, user_id, objekt_typ, objekt_id),
  foreign key (tenant_id, user_id) references users(tenant_id, id)
);
select verbund_tenant_table('postkorb_gesehen', 'select, insert, delete');

-- Vorgang history reads the audit chain by object.
create index audit_events_object on audit_events (tenant_id, object_id);
