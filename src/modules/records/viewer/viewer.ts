import { type RawBuilder, sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import type { Vertraulichkeit } from '../../../platform/database/database.types.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { clearanceOf } from './viewer.models.ts';

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

/** Runs work in the principal's county with the principal as the E-Akte sees them. */
export const inViewerTenant =
  (database: DatabaseHandle) =>
  <T>(principal: Principal, work: (trx: TenantTrx, viewer: Viewer) => Promise<T>) =>
    database.withTenant(principal.tenantId, async (trx) => work(trx, await viewerOf(trx, principal)));

const NONE = '00000000-0000-0000-0000-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The viewer's person and OE as SQL values: bound parameters, or columns of a statement's own CTE. */
type ViewerRefs = { clearance: Vertraulichkeit[]; user: RawBuilder<unknown>; oe: RawBuilder<unknown> };

const refsOf = (v: Viewer): ViewerRefs => ({
  clearance: v.clearance,
  user: sql`${v.userId ?? NONE}::uuid`,
  oe: sql`${v.oeId ?? NONE}::uuid`,
});

// The rule, written once: Akte `a` cleared or led by the viewer's OE; Vorgang `vg` also when
// assigned to the viewer or their OE; Dokument `d` additionally needs its own clearance.
const akteRule = (r: ViewerRefs) =>
  sql<boolean>`(a.vertraulichkeit = any(${r.clearance}::text[]) or a.federfuehrende_oe_id = ${r.oe})`;
const vorgangRule = (r: ViewerRefs) =>
  sql<boolean>`(${akteRule(r)} or vg.zustaendig_user_id = ${r.user}
     or vg.zustaendig_oe_id = ${r.oe})`;
// A document's own clearance, and the Vorgänge in which the viewer sees every document whatever
// its own (assigned to them or their OE, or in an Akte their OE leads).
const clearedRule = (r: ViewerRefs) => sql<boolean>`d.vertraulichkeit = any(${r.clearance}::text[])`;
const privilegedRule = (r: ViewerRefs) =>
  sql<boolean>`(vg.zustaendig_user_id = ${r.user} or vg.zustaendig_oe_id = ${r.oe}
     or a.federfuehrende_oe_id = ${r.oe})`;
const dokumentRule = (r: ViewerRefs) =>
  sql<boolean>`(${vorgangRule(r)} and (${clearedRule(r)} or ${privilegedRule(r)}))`;

/** SQL condition: the Akte aliased `a` is visible (cleared, or the viewer's OE leads it). */
export const akteVisible = (v: Viewer): RawBuilder<boolean> => akteRule(refsOf(v));

/** SQL condition: the Vorgang `vg` (in Akte `a`) is visible: its Akte is, or it is assigned to the viewer. */
export const vorgangVisible = (v: Viewer): RawBuilder<boolean> => vorgangRule(refsOf(v));

/** SQL condition: the Dokument `d` (in Vorgang `vg`, Akte `a`) is visible. */
export const dokumentVisible = (v: Viewer): RawBuilder<boolean> => dokumentRule(refsOf(v));

/**
 * dokumentVisible in two parts, for a caller that resolves the Vorgänge first: a document is
 * visible when its Vorgang is (vorgangVisible) and it is `cleared` (its own confidentiality, on
 * `d` alone) or its Vorgang is `privileged` (on `vg` and `a`: the viewer sees every document there).
 */
export const dokumentVisibleParts = (v: Viewer) => ({
  cleared: clearedRule(refsOf(v)),
  privileged: privilegedRule(refsOf(v)),
});

/**
 * The viewer inside a one-round-trip statement, without loading it first: `with ${cte}` binds
 * `me` (the person and their OE, read by a sub-select), and `vorgangVisible` is the same rule
 * as above reading `me.user_id` and `me.oe` (the statement selects `from …, me`).
 */
export function viewerInStatement(principal: Principal) {
  const user = principal.userId && UUID.test(principal.userId) ? principal.userId : null;
  const refs: ViewerRefs = { clearance: clearanceOf(principal), user: sql`me.user_id`, oe: sql`me.oe` };
  return {
    cte: sql`me as (select ${user}::uuid as user_id, (select org_unit_id from users where id = ${user}::uuid) as oe)`,
    vorgangVisible: vorgangRule(refs),
  };
}
