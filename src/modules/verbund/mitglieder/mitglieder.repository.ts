import type { Db, Trx } from '../../../platform/database/database.ts';

/** Queries on the Verbund's members (tenants): Verbund-level data, readable without a tenant. */
export const mitgliederRepository = {
  listMembers: (db: Db | Trx) => db.selectFrom('tenants').selectAll().orderBy('kreisschluessel').execute(),

  getMember: (db: Db | Trx, id: string) =>
    db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst(),

  /** A member with the same id or Kreisschlüssel, if there is one. */
  findClash: (plain: Trx, member: { id: string; kreisschluessel: string }) =>
    plain
      .selectFrom('tenants')
      .select(['id', 'kreisschluessel'])
      .where((eb) => eb.or([eb('id', '=', member.id), eb('kreisschluessel', '=', member.kreisschluessel)]))
      .executeTakeFirst(),

  insertMember: (
    plain: Trx,
    member: { id: string; name: string; kreisschluessel: string; joinedOn: string },
  ) =>
    plain
      .insertInto('tenants')
      .values({
        id: member.id,
        name: member.name,
        kreisschluessel: member.kreisschluessel,
        joined_on: member.joinedOn,
      })
      .execute(),
};
