import type { Db, Trx } from '../../../platform/database/database.ts';
import { AGREEMENT_ID } from '../verbund.models.ts';

type Amendment = {
  number: number;
  title: string;
  drucksache: string;
  resolvedBy: string;
  resolvedOn: string;
  summary: string;
};

/** Queries on the Zweckvereinbarung, its amendments and its members (Verbund-level data). */
export const zweckvereinbarungRepository = {
  getAgreement: (db: Db) =>
    db.selectFrom('agreements').selectAll().where('id', '=', AGREEMENT_ID).executeTakeFirst(),

  listAmendments: (db: Db) =>
    db
      .selectFrom('agreement_amendments')
      .selectAll()
      .where('agreement_id', '=', AGREEMENT_ID)
      .orderBy('number')
      .execute(),

  listMemberships: (db: Db) =>
    db.selectFrom('agreement_members').selectAll().where('agreement_id', '=', AGREEMENT_ID).execute(),

  /** The amendment by which a county joins (resolved by the Kreistage). */
  insertAmendment: (plain: Trx, amendment: Amendment & { joiningTenantId: string | null }) =>
    plain
      .insertInto('agreement_amendments')
      .values({
        agreement_id: AGREEMENT_ID,
        number: amendment.number,
        title: amendment.title,
        drucksache: amendment.drucksache,
        resolved_by: amendment.resolvedBy,
        resolved_on: amendment.resolvedOn,
        summary: amendment.summary,
        joining_tenant_id: amendment.joiningTenantId,
      })
      // An amendment recorded here before its process was (the demo's 1. Änderung) stays as it is.
      .onConflict((oc) => oc.doNothing())
      .execute(),

  insertMembership: (plain: Trx, member: { id: string; since: string; viaAmendment: number | null }) =>
    plain
      .insertInto('agreement_members')
      .values({
        agreement_id: AGREEMENT_ID,
        member_id: member.id,
        member_since: member.since,
        via_amendment: member.viaAmendment,
      })
      .execute(),
};
