import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import type { Role } from '../../../platform/http/principal.ts';

type TokenRow = {
  id: string;
  name: string;
  roles: string[];
  user_id: string | null;
  revoked_at: Date | null;
  expires_at: Date | null;
  last_used_at: Date | null;
  login: string | null;
  display_name: string | null;
  disabled_at: Date | null;
  fachverfahren_id: string | null;
};

/** Queries on API tokens. Except for the lookup by hash, each runs inside a tenant transaction. */
export const apiTokensRepository = {
  /** Every API request resolves its token: one round trip, a prepared statement. */
  async findByHash({
    database,
    tenantId,
    tokenHash,
  }: {
    database: DatabaseHandle;
    tenantId: string;
    tokenHash: string;
  }): Promise<TokenRow | undefined> {
    const [row] = await database.executeAsTenant(
      tenantId,
      sql<TokenRow>`select t.id, t.name, t.roles, t.user_id, t.revoked_at, t.expires_at, t.last_used_at,
                u.login, u.display_name, u.disabled_at, t.fachverfahren_id
         from api_tokens t left join users u on u.id = t.user_id
         where t.token_hash = ${tokenHash}`,
    );
    return row;
  },

  touchLastUsed: (trx: TenantTrx, id: string) =>
    trx.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', id).execute(),

  insertToken: (
    trx: TenantTrx,
    token: {
      tokenHash: string;
      name: string;
      userId: string | null;
      roles: Role[];
      expiresAt: Date | null;
      fachverfahrenId?: string;
    },
  ) =>
    trx
      .insertInto('api_tokens')
      .values({
        tenant_id: trx.tenantId,
        token_hash: token.tokenHash,
        name: token.name,
        user_id: token.userId,
        roles: token.roles,
        expires_at: token.expiresAt,
        ...(token.fachverfahrenId ? { fachverfahren_id: token.fachverfahrenId } : {}),
      } as never)
      .returning(['id'])
      .executeTakeFirstOrThrow(),

  /** Revokes a live token; undefined when there is none with this id (or it is revoked already). */
  revoke: (trx: TenantTrx, id: string) =>
    trx
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst(),

  list: (trx: TenantTrx) =>
    trx
      .selectFrom('api_tokens')
      .select(['id', 'name', 'roles', 'expires_at', 'revoked_at', 'last_used_at', 'created_at'])
      .orderBy('created_at', 'desc')
      .execute(),
};
