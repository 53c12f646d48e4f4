-- Reifegrad facts (issue 13, bench:steuerung): "is there one portal Antrag / Bescheid / status message
-- for this Leistung in the county" as index probes. Without these, a Leistung that has none (a county
-- without status messages, a Leistung never applied for via the portal) made each EXISTS read every
-- Antrag resp. message of the county: 1.5 s for Nordhausen's Steuerung page at 1,000,000 Anträge,
-- 12 ms with them (EXPLAIN ANALYZE on the bench data).
create index if not exists antraege_leistung_quelle on antraege (tenant_id, leistung_id, quelle);
create index if not exists antrag_nachrichten_art on antrag_nachrichten (tenant_id, art, antrag_id);
