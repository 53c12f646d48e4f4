-- Posteingang (issue 14, UI): the overview lists the newest intake of a county by channel; these
-- indexes let it read the newest uploads, virus findings and import outcomes in index order
-- instead of sorting all documents, the whole audit chain or every import row of the county.
-- Partial where they can be: documents filed by persons and API tokens (not by intake or seeds),
-- audit events of the virus scan only.
create index dokumente_uploads on dokumente (tenant_id, created_at desc)
  where parent_dokument_id is null and (created_by like 'user:%' or created_by like 'token:%');
create index audit_events_virenscan on audit_events (tenant_id, seq desc) where action like 'virenscan.%';
create index import_dateien_neueste on import_dateien (tenant_id, created_at desc);
