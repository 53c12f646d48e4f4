import { type RawBuilder, sql } from 'kysely';
import type { TenantTrx } from '../../platform/database/database.ts';
import type { Vertraulichkeit } from '../../platform/database/database.types.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { clearanceOf } from './records.models.ts';

/** The caller as the E-Akte sees them: county, clearance, and their own person and OE. */
export type Viewer = {
  principal: Principal;
  clearance: Vertraulichkeit[];
  userId: string | null;
  oeId: string | null;
};

export async function viewerOf(trx: TenantTrx, principal: Principal): Promise<Viewer> {
  let oeId: string | null = null;
  if (principal.userId) {
    const user = await trx
      .selectFrom('users')
      .select('org_unit_id')
      .where('id', '=', principal.userId)
      .executeTakeFirst();
    oeId = user?.org_unit_id ?? null;
  }
  return { principal, clearance: clearanceOf(principal), userId: principal.userId, oeId };
}

const NONE = '00000000-0000-0000-0000-000000000000';

/** SQL condition: the Akte aliased `a` is visible (cleared, or the viewer's OE leads it). */
export const akteVisible = (v: Viewer): RawBuilder<boolean> =>
  sql<boolean>`(a.vertraulichkeit = any(${v.clearance}::text[]) or a.federfuehrende_oe_id = ${v.oeId ?? NONE}::uuid)`;

/** SQL condition: the Vorgang `v` (in Akte `a`) is visible: its Akte is, or it is assigned to the viewer. */
export const vorgangVisible = (v: Viewer): RawBuilder<boolean> =>
  sql<boolean>`(${akteVisible(v)} or vg.zustaendig_user_id = ${v.userId ?? NONE}::uuid
     or vg.zustaendig_oe_id = ${v.oeId ?? NONE}::uuid)`;

/** SQL condition: the Dokument `d` (in Vorgang `vg`, Akte `a`) is visible. */
export const dokumentVisible = (v: Viewer): RawBuilder<boolean> =>
  sql<boolean>`(${vorgangVisible(v)} and (d.vertraulichkeit = any(${v.clearance}::text[])
     or vg.zustaendig_user_id = ${v.userId ?? NONE}::uuid or vg.zustaendig_oe_id = ${v.oeId ?? NONE}::uuid
     or a.federfuehrende_oe_id = ${v.oeId ?? NONE}::uuid))`;
