import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../../platform/database/database.ts';
import type { ArtifactKind } from '../../../platform/onboarding/artifacts.ts';

// The shared artifact kinds of the existing modules, read from their Verbund-level catalogs.
// They live here because those modules predate the registry; a new module registers its own kind
// in the composition root (`artifacts.register(...)`) and this file does not change.

type Row = { id: string; label: string; owner_tenant_id: string | null; seit: string };

const katalog = (kind: string, label: string, query: RawBuilder<Row>): ArtifactKind => ({
  kind,
  label,
  list: async (db: Db) =>
    (await query.execute(db)).rows.map((r) => ({
      id: r.id,
      label: r.label,
      ownerTenantId: r.owner_tenant_id,
      sharedSince: r.seit,
    })),
});

export const STANDARD_ARTEFAKT_ARTEN: ArtifactKind[] = [
  katalog(
    'leistung',
    'Leistung (OZG)',
    sql<Row>`select id, name as label, owner_tenant_id, created_at::date::text as seit from leistungen order by name`,
  ),
  katalog(
    'formular',
    'FIM-Formular',
    sql<Row>`select id, name as label, owner_tenant_id, created_at::date::text as seit from formulare order by name`,
  ),
  katalog(
    'connector',
    'Anbindung',
    sql<Row>`select id, name as label, owner_tenant_id, created_at::date::text as seit
             from connector_definitionen order by name`,
  ),
  katalog(
    'aktenplan-vorlage',
    'Aktenplan-Vorlage',
    sql<Row>`select id, name as label, owner_tenant_id, created_at::date::text as seit
             from aktenplan_templates order by name`,
  ),
  katalog(
    'aktenplan-einheit',
    'Aktenplaneinheit der Vorlage',
    sql<Row>`select u.template_id || ':' || u.kennzeichen as id, u.kennzeichen || ' ' || u.titel as label,
                    t.owner_tenant_id, t.created_at::date::text as seit
             from aktenplan_template_units u join aktenplan_templates t on t.id = u.template_id
             order by u.template_id, string_to_array(u.kennzeichen, '.')::int[]`,
  ),
];
