import { sql } from 'kysely';
import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { Gv100Gemeinde } from './gv100.ts';

/** The municipalities (Verbund-level data) and the member county responsible for each. */
export function createGemeindenRepository({ database }: { database: DatabaseHandle }) {
  const { db } = database;

  /** By AGS (8 digits), postcode (5 digits) or part of the name; members' municipalities first. */
  async function find(q: string, limit: number) {
    const { rows } = await sql<{
      ags: string;
      name: string;
      plz: string[];
      tenant_id: string | null;
      tenant_name: string | null;
      verifiziert: boolean;
    }>`
      select g.ags, g.name, g.plz, g.verifiziert, t.id as tenant_id, t.name as tenant_name
      from gemeinden g left join tenants t on t.kreisschluessel = g.kreisschluessel
      where ${/^\d{8}$/.test(q) ? sql`g.ags = ${q}` : /^\d{5}$/.test(q) ? sql`${q} = any(g.plz)` : sql`lower(g.name) like ${`%${q.toLowerCase()}%`}`}
      order by t.id is null, g.name limit ${limit}`.execute(db);
    return rows.map((r) => ({
      ags: r.ags,
      name: r.name,
      plz: r.plz,
      verifiziert: r.verifiziert,
      zustaendig: r.tenant_id ? { id: r.tenant_id, name: r.tenant_name! } : null,
    }));
  }

  /** A municipality with its Kreisschlüssel and the member county of that key (if any). */
  async function withCounty(ags: string) {
    const { rows } = await sql<{
      ags: string;
      name: string;
      tenant_id: string | null;
      tenant_name: string | null;
      kreisschluessel: string;
    }>`
      select g.ags, g.name, t.id as tenant_id, t.name as tenant_name, g.kreisschluessel
      from gemeinden g left join tenants t on t.kreisschluessel = g.kreisschluessel where g.ags = ${ags}`.execute(
      db,
    );
    return rows[0] ?? null;
  }

  /** Inserts or updates one batch of the official directory (postcodes are merged). */
  async function upsertBatch(gemeinden: Gv100Gemeinde[]) {
    await sql`
      insert into gemeinden (ags, name, plz, verifiziert, quelle)
      select x.ags, x.name, x.plz, true, 'Destatis GV100AD ' || x.gebietsstand
      from jsonb_to_recordset(${JSON.stringify(gemeinden)}::jsonb) as x(ags text, name text, plz text[], gebietsstand text)
      on conflict (ags) do update set name = excluded.name, verifiziert = true, quelle = excluded.quelle,
        plz = (select array(select distinct unnest(gemeinden.plz || excluded.plz)))`.execute(db);
  }

  /** The county of a Kreisschlüssel (the first part of a tracking code). */
  async function tenantByKreisschluessel(kreisschluessel: string) {
    const { rows } = await sql<{
      id: string;
    }>`select id from tenants where kreisschluessel = ${kreisschluessel}`.execute(db);
    return rows[0]?.id ?? null;
  }

  return { find, withCounty, upsertBatch, tenantByKreisschluessel };
}
