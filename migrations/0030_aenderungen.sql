-- Änderungen der Zweckvereinbarung als Verfahren (issue 12): the Verbund-level amendment with its text hash, joining or leaving member and cost key, and each county's Beratung of it (ThürKGG §§ 11–13).

-- One amendment of the Zweckvereinbarung. Verbund level (no tenant_id, no RLS): every member reads it,
-- Steuerung reads `wirksam_ab` and `kostenschluessel`. `wortlaut_sha256` names the text version the
-- Kreistage resolve; the database recomputes it, so it always belongs to `wortlaut`.
create table aenderungen (
  id uuid primary key default gen_random_uuid(),
  agreement_id text not null references agreements(id),
  nummer int not null check (nummer > 0),
  titel text not null check (length(titel) between 3 and 500),
  wortlaut text not null check (length(wortlaut) between 1 and 200000),
  wortlaut_sha256 text not null check (wortlaut_sha256 ~ '^[0-9a-f]{64}$'),
  begruendung text check (length(begruendung) <= 100000),
  art text not null check (art in ('beitritt', 'austritt', 'sonstige')),
  beitritt_landkreis_id text references tenants(id),
  austritt_landkreis_id text references tenants(id),
  -- Cost key after the amendment: {"<landkreis>": share in percent, …} (ThürKGG § 9 Abs. 4).
  kostenschluessel jsonb check (kostenschluessel is null or jsonb_typeof(kostenschluessel) = 'object'),
  genehmigungspflichtig boolean not null default true,
  -- A date the amendment itself names (§ 12: instead of the day after the Bekanntmachung).
  benanntes_wirksamkeitsdatum date,
  genehmigt_am date,
  genehmigung_az text check (length(genehmigung_az) between 1 and 200),
  bekanntgemacht_am date,
  amtsblatt text check (length(amtsblatt) between 1 and 300),
  wirksam_ab date,
  status text not null default 'in_beratung' check (status in
    ('in_beratung', 'blockiert', 'gescheitert', 'beschlossen', 'genehmigt', 'unterzeichnet', 'bekanntgemacht', 'wirksam')),
  vollzogen_am timestamptz,
  beispieldaten boolean not null default false,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (agreement_id, nummer),
  check ((art = 'beitritt') = (beitritt_landkreis_id is not null)),
  check ((art = 'austritt') = (austritt_landkreis_id is not null)),
  check (wortlaut_sha256 = encode(sha256(convert_to(wortlaut, 'UTF8')), 'hex')),
  check ((genehmigt_am is null) = (genehmigung_az is null)),
  check ((bekanntgemacht_am is null) = (amtsblatt is null))
);
create index aenderungen_faellig on aenderungen (wirksam_ab) where vollzogen_am is null and wirksam_ab is not null;
grant select, insert, update on aenderungen to verbund_app;

-- Each party's Beratung of an amendment: the members of the day and the joining county. The county's
-- Vorlage lives in its own council (tenant-owned); this row is the Verbund's view of it, written by the
-- named operations of the amendment process only (putting the Vorlage, the county's resolution, the signature).
create table aenderung_beteiligte (
  aenderung_id uuid not null references aenderungen(id),
  landkreis_id text not null references tenants(id),
  rolle text not null check (rolle in ('mitglied', 'beitretend', 'austretend')),
  vorlage_id uuid,
  drucksachen_nr text,
  status text not null default 'offen' check (status in ('offen', 'beschlossen', 'abgelehnt')),
  beschluss_nr text,
  beschlossen_am date,
  -- The text version the Kreistag resolved (from its Vorlage's Beschlussvorschlag).
  beschlossene_fassung text check (beschlossene_fassung ~ '^[0-9a-f]{64}$'),
  unterzeichnet_am date,
  unterzeichnet_von text check (length(unterzeichnet_von) between 1 and 300),
  beispieldaten boolean not null default false,
  updated_at timestamptz not null default now(),
  primary key (aenderung_id, landkreis_id),
  check ((status = 'offen') = (beschlossen_am is null)),
  check ((unterzeichnet_am is null) = (unterzeichnet_von is null))
);
create index aenderung_beteiligte_vorlage on aenderung_beteiligte (landkreis_id, vorlage_id);
grant select, insert, update on aenderung_beteiligte to verbund_app;
