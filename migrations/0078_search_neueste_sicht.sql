-- Search: the index of the newest documents also carries what the visibility rule reads of a
-- document (Akte and confidentiality), so the listing of a case worker without full clearance is
-- read from the index alone like everyone else's (an index-only scan while the visibility map is
-- set) instead of fetching each of the newest 1,001 to 3,000 rows from the table for these two
-- columns (README "Liste der neuesten Dokumente"). Replaces dokumente_neueste of migration 0018.
create index if not exists dokumente_neueste_sicht on dokumente (tenant_id, datum desc, id)
  include (unit_id, art, vorgang_id, akte_id, vertraulichkeit);
drop index if exists dokumente_neueste;
