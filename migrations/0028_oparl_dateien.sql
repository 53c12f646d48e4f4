-- OParl 1.1 Files (issue 12, point 5): the Anlagen of Vorlagen (migration 0024) soft-deleted and kept
-- modified like the other council rows, and the SHA-512 of their contents.

alter table vorlage_anlagen add column deleted_at timestamptz;
create trigger vorlage_anlagen_updated_at before update on vorlage_anlagen
  for each row execute function verbund_touch_updated_at();
-- An Anlage is embedded in its Paper: its change is the Paper's change (verbund_touch_parent, 0027).
create trigger vorlage_anlagen_touch_parent after insert or update or delete on vorlage_anlagen
  for each row execute function verbund_touch_parent();

-- OParl File.sha512Checksum: the blob store names files by SHA-256; the SHA-512 is computed once per
-- content (on the first OParl read of a File) and kept here.
create table datei_pruefsummen (
  tenant_id text not null references tenants(id),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  sha512 text not null check (sha512 ~ '^[0-9a-f]{128}$'),
  primary key (tenant_id, sha256)
);
select verbund_tenant_table('datei_pruefsummen', 'select, insert');
