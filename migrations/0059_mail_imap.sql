-- Posteingang (issue 14, point 4): IMAP polling of a mailbox as an alternative intake per intake
-- address, with the state that makes each message taken exactly once across restarts.

create table mail_imap_postfaecher (
  tenant_id text not null references tenants(id),
  eingang_id uuid not null,
  host text not null check (length(host) between 1 and 255),
  port int not null check (port between 1 and 65535),
  tls boolean not null default true,
  benutzer text not null check (length(benutzer) between 1 and 320),
  -- Stored like the secrets of connector_aktivierungen: readable by the county only, never output.
  passwort text not null check (length(passwort) between 1 and 1000),
  ordner text not null default 'INBOX' check (length(ordner) between 1 and 500),
  -- Where a message goes once all its parts are committed; null: flagged \Seen + $VerbundAbgelegt.
  ziel_ordner text check (length(ziel_ordner) between 1 and 500),
  -- UIDVALIDITY of `ordner` and the highest UID taken under it (a changed UIDVALIDITY: re-scan).
  uidvalidity bigint,
  letzte_uid bigint not null default 0,
  aktiv boolean not null default true,
  letzter_fehler text,
  letzter_abruf_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, eingang_id),
  foreign key (tenant_id, eingang_id) references mail_eingaenge(tenant_id, id)
);
select verbund_tenant_table('mail_imap_postfaecher', 'select, insert, update');
