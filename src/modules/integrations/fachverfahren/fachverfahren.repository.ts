import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import type { Fachverfahren, FachverfahrenInput } from './fachverfahren.models.ts';

type FachverfahrenRow = {
  id: string;
  kennung: string;
  name: string;
  hersteller: string | null;
  created_at: Date;
  vorgaenge: number;
};

/** All SQL of the registered Fachverfahren of a county. */
export const fachverfahrenRepository = {
  /** The new row's id, or undefined when the Kennung is taken in this county. */
  async insert(trx: TenantTrx, input: FachverfahrenInput) {
    const { rows } = await sql<{ id: string }>`
      insert into fachverfahren (tenant_id, kennung, name, hersteller)
      values (${trx.tenantId}, ${input.kennung}, ${input.name}, ${input.hersteller ?? null})
      on conflict (tenant_id, kennung) do nothing returning id`.execute(trx);
    return rows[0]?.id;
  },

  async list(trx: TenantTrx): Promise<Fachverfahren[]> {
    const { rows } = await sql<FachverfahrenRow>`
      select f.id, f.kennung, f.name, f.hersteller, f.created_at,
        (select count(*) from vorgaenge v where v.fachverfahren_id = f.id)::int as vorgaenge
      from fachverfahren f order by f.name`.execute(trx);
    return rows.map((r) => ({
      id: r.id,
      kennung: r.kennung,
      name: r.name,
      hersteller: r.hersteller ?? null,
      vorgaenge: r.vorgaenge,
      angemeldetAm: r.created_at.toISOString(),
    }));
  },
};
