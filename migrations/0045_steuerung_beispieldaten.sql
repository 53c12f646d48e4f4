-- Steuerung (issue 13), demo data: which areas of the figures are sample data (Beispieldaten), so every
-- page that shows them can say so. Verbund level, written by the first-start demo seed only.
create table steuerung_beispieldaten (
  bereich text primary key check (bereich ~ '^[a-z-]{2,40}$'),
  hinweis text not null check (length(hinweis) between 2 and 500),
  angelegt_am timestamptz not null default now()
);
grant select, insert, update on steuerung_beispieldaten to verbund_app;
