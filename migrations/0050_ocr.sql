-- OCR (issue 14, point 1): per document version the state of its text recognition, the mean word
-- confidence and the searchable PDF/A rendition (a blob of its own; the original stays version 1).

create table ocr_ergebnisse (
  tenant_id text not null references tenants(id),
  dokument_id uuid not null,
  version int not null,
  status text not null check (status in ('pending', 'done', 'unavailable', 'skipped', 'failed')),
  -- German reason for unavailable, skipped and failed (shown at the document).
  grund text check (length(grund) <= 1000),
  -- Mean of Tesseract's word confidences (0–100) and the number of words it is taken over.
  konfidenz numeric(5, 1) check (konfidenz between 0 and 100),
  woerter int check (woerter >= 0),
  seiten int check (seiten >= 0),
  seiten_erkannt int check (seiten_erkannt >= 0),
  -- The original as filed (the version's blob) and the derived rendition; both hash-verified on read.
  original_sha256 text not null check (original_sha256 ~ '^[0-9a-f]{64}$'),
  rendition_sha256 text check (rendition_sha256 ~ '^[0-9a-f]{64}$'),
  rendition_groesse bigint check (rendition_groesse >= 0),
  pdfa boolean not null default false,
  -- A digitally signed PDF: its text was recognised, the file itself is never rewritten.
  signiert boolean not null default false,
  dauer_ms int check (dauer_ms >= 0),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, dokument_id, version),
  foreign key (tenant_id, dokument_id, version) references dokument_versionen(tenant_id, dokument_id, version),
  check (status <> 'done' or signiert or rendition_sha256 is not null)
);
select verbund_tenant_table('ocr_ergebnisse', 'select, insert, update');
-- Scans that wait for Tesseract ("OCR nicht verfügbar") are found without a scan of the table.
create index ocr_ergebnisse_unavailable on ocr_ergebnisse (tenant_id) where status = 'unavailable';
