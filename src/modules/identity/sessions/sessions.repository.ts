import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';

/** Queries on sessions (inside the tenant transaction) and the one lookup of a county before login. */
export const sessionsRepository = {
  /** The list of counties is the Verbund's and readable without a tenant. */
  tenantExists: async (db: DatabaseHandle['db'], tenantId: string) =>
    Boolean(await db.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst()),

  insertSession: (
    trx: TenantTrx,
    session: { id: string; userId: string; csrfToken: string; expiresAt: Date },
  ) =>
    trx
      .insertInto('sessions')
      .values({
        tenant_id: trx.tenantId,
        id: session.id,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        expires_at: session.expiresAt,
      })
      .execute(),

  /** The session with its user, or undefined. */
  findSessionUser: (trx: TenantTrx, sessionId: string) =>
    trx
      .selectFrom('sessions')
      .innerJoin('users', (join) =>
        join.onRef('users.tenant_id', '=', 'sessions.tenant_id').onRef('users.id', '=', 'sessions.user_id'),
      )
      .select([
        'users.id',
        'users.login',
        'users.display_name',
        'users.roles',
        'users.disabled_at',
        'sessions.csrf_token',
        'sessions.expires_at',
      ])
      .where('sessions.id', '=', sessionId)
      .executeTakeFirst(),

  deleteSession: (trx: TenantTrx, sessionId: string) =>
    trx.deleteFrom('sessions').where('id', '=', sessionId).execute(),
};
