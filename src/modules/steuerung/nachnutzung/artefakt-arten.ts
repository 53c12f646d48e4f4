import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../../platform/database/database.ts';
import type { ArtifactKind } from '../../../platform/onboarding/artifacts.ts';

// The shared artifact kinds of the existing modules, read from their Verbund-level catalogs.
// They live here because those modules predate the registry; a new module registers its own kind
// in the composition root (`artifacts.register(...)`) and this file does not change.
// Their lists come from one place, the view `steuerung_artefakte` (migration 0079), which the
// Verbund's Nachnutzungsgrad for the counties (steuerung_nachnutzungsgrad_verbund) reads as well.

type Row = { id: string; label: string; owner_tenant_id: string | null; seit: string };

const katalog = (kind: string, label: string, reihenfolge: RawBuilder<unknown>): ArtifactKind => ({
  kind,
  label,
  list: async (db: Db) =>
    (
      await sql<Row>`select id, label, owner_tenant_id, seit::text as seit
                     from steuerung_artefakte where art = ${kind} order by ${reihenfolge}`.execute(db)
    ).rows.map((r) => ({
      id: r.id,
      label: r.label,
      ownerTenantId: r.owner_tenant_id,
      sharedSince: r.seit,
    })),
});

const nachName = sql`label`;

export const STANDARD_ARTEFAKT_ARTEN: ArtifactKind[] = [
  katalog('leistung', 'Leistung (OZG)', nachName),
  katalog('formular', 'FIM-Formular', nachName),
  katalog('connector', 'Anbindung', nachName),
  katalog('aktenplan-vorlage', 'Aktenplan-Vorlage', nachName),
  // id = template:kennzeichen; the units in the plan's order (1.2 before 1.10)
  katalog(
    'aktenplan-einheit',
    'Aktenplaneinheit der Vorlage',
    sql`split_part(id, ':', 1), string_to_array(split_part(id, ':', 2), '.')::int[]`,
  ),
];
