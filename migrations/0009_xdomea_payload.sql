-- Connectors may deliver the Vorgang as an xdomea 3.0.0 message (zip) besides JSON and FIT-Connect.
alter table connector_definitionen drop constraint connector_definitionen_nutzlast_check;
alter table connector_definitionen add constraint connector_definitionen_nutzlast_check
  check (nutzlast in ('json', 'fit-connect', 'xdomea'));
