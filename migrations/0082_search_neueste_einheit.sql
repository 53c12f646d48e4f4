-- Search: the newest documents of one Aktenplan unit, for the listing with an Aktenplan filter.
-- dokumente_neueste_sicht (0078) orders all documents of the county by date; a filter on a unit
-- with a tenth of them read about 13,000 entries of it for the newest 1,001 (7.5 ms at a million
-- documents). With this index the listing reads the newest 1,001 of each unit of the filter (a unit
-- and its sub-units) and merges them: 0.6 ms for the four units of "04" (README "Liste der neuesten
-- Dokumente"). The same columns as 0078 are carried, so the listing reads the index alone, also
-- with the visibility rule. 118 MB at a million documents; one more B-tree entry per filed document.
create index if not exists dokumente_neueste_einheit on dokumente (tenant_id, unit_id, datum desc, id)
  include (art, vorgang_id, akte_id, vertraulichkeit);
