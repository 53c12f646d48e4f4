-- Steuerung (issue 13), cost sharing: population figures, the yearly cost pool, the cost key
-- versioned with the Zweckvereinbarung's amendments, and the one audited function that gives
-- usage counts of every county (aggregates only).

-- Official population per county (by Kreisschlüssel, so a county that is not yet a member can be
-- simulated), with the source and the reference date of the figure. Verbund-level: public data.
create table steuerung_einwohner (
  kreisschluessel text not null check (kreisschluessel ~ '^[0-9]{5}$'),
  stichtag date not null,
  einwohner int not null check (einwohner > 0),
  quelle text not null check (length(quelle) between 2 and 500),
  beispieldaten boolean not null default false,
  erfasst_am timestamptz not null default now(),
  erfasst_von text not null,
  primary key (kreisschluessel, stichtag)
);
grant select, insert, update on steuerung_einwohner to verbund_app;

-- The shared cost pool of a year (cents), to be split among the members.
create table steuerung_kostenpool (
  jahr int primary key check (jahr between 2000 and 2100),
  betrag_cent bigint not null check (betrag_cent between 0 and 100000000000),
  bezeichnung text not null check (length(bezeichnung) between 2 and 500),
  beispieldaten boolean not null default false,
  erfasst_am timestamptz not null default now(),
  erfasst_von text not null
);
grant select, insert, update on steuerung_kostenpool to verbund_app;

-- The cost key (ThürKGG § 9(4)) in force from `gilt_ab`; a version belongs to the original
-- agreement (aenderung null) or to the amendment that introduced it. Weights are non-negative
-- integers normalised by their sum: gleich = equal shares, einwohner = population, nutzung = usage
-- (itself Anträge, Dokumente and active users weighted the same way).
create table steuerung_kostenschluessel (
  gilt_ab date primary key,
  aenderung int,
  gewicht_gleich int not null default 0 check (gewicht_gleich >= 0),
  gewicht_einwohner int not null default 0 check (gewicht_einwohner >= 0),
  gewicht_nutzung int not null default 0 check (gewicht_nutzung >= 0),
  nutzung_antraege int not null default 1 check (nutzung_antraege >= 0),
  nutzung_dokumente int not null default 1 check (nutzung_dokumente >= 0),
  nutzung_benutzer int not null default 1 check (nutzung_benutzer >= 0),
  bemerkung text,
  beispieldaten boolean not null default false,
  erfasst_am timestamptz not null default now(),
  erfasst_von text not null,
  check (gewicht_gleich + gewicht_einwohner + gewicht_nutzung > 0),
  check (nutzung_antraege + nutzung_dokumente + nutzung_benutzer > 0)
);
grant select, insert, update on steuerung_kostenschluessel to verbund_app;

-- Usage of every county in [p_von, p_bis] (dates inclusive): Anträge received, Dokumente filed and
-- active user accounts (not disabled before the period, created before its end). Counts only.
-- Called inside the caller's tenant transaction (app_tenant() set), which appends an audit event
-- of the call to its own chain (steuerung.verbundzahlen); without a tenant it refuses.
create function steuerung_nutzung_verbund(p_von date, p_bis date)
  returns table (tenant_id text, antraege bigint, dokumente bigint, benutzer bigint)
  language plpgsql stable security definer set search_path = public as $$
begin
  if app_tenant() is null then
    raise exception 'steuerung_nutzung_verbund needs a tenant transaction' using errcode = '42501';
  end if;
  return query
  select t.id,
    (select count(*) from antraege a where a.tenant_id = t.id
       and a.created_at >= p_von and a.created_at < p_bis + 1),
    (select count(*) from dokumente d where d.tenant_id = t.id
       and d.created_at >= p_von and d.created_at < p_bis + 1),
    (select count(*) from users u where u.tenant_id = t.id
       and u.created_at < p_bis + 1 and (u.disabled_at is null or u.disabled_at >= p_von))
  from tenants t order by t.kreisschluessel;
end $$;
revoke all on function steuerung_nutzung_verbund(date, date) from public;
grant execute on function steuerung_nutzung_verbund(date, date) to verbund_app;
