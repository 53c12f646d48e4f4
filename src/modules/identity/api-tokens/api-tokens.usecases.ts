import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { actorOf, isRole, type Principal, type Role } from '../../../platform/http/principal.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { apiTokenNotFound, tokenWithoutRole, userNotFound } from '../identity.errors.ts';
import { newApiToken, parseApiToken } from '../identity.models.ts';
import { usersRepository } from '../users/users.repository.ts';
import { apiTokensRepository as repo } from './api-tokens.repository.ts';

/**
 * How long this process trusts an API token it has checked: every API request would otherwise
 * cost a database round trip. A revocation in this process takes effect at once (the cache is
 * cleared); one made elsewhere (another process, SQL) within this time. Expiry is checked on every
 * request.
 */
export const TOKEN_CACHE_MS = 1000;
const TOKEN_CACHE_MAX = 10_000;

export function createApiTokenUsecases({ database }: { database: DatabaseHandle }) {
  // Only valid tokens are cached (an unknown token never is), keyed by the token's hash.
  const tokenCache = new Map<string, { until: number; expiresAt: Date | null; principal: Principal }>();

  return {
    async resolveApiToken(token: string): Promise<Principal | null> {
      const parsed = parseApiToken(token);
      if (!parsed) return null;
      if (!/^[0-9a-f]{64}$/.test(parsed.tokenHash)) return null;
      const cached = tokenCache.get(parsed.tokenHash);
      if (cached && cached.until > Date.now() && cached.principal.tenantId === parsed.tenantId) {
        if (cached.expiresAt && cached.expiresAt < new Date()) return null;
        return cached.principal;
      }
      const row = await repo.findByHash({ database, tenantId: parsed.tenantId, tokenHash: parsed.tokenHash });
      if (!row || row.revoked_at || (row.expires_at && row.expires_at < new Date())) return null;
      if (row.disabled_at) return null;
      // Recording every use would serialise hot API traffic on one row; once a minute is enough.
      if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
        await database.withTenant(parsed.tenantId, (trx) => repo.touchLastUsed(trx, row.id));
      }
      const principal: Principal = {
        tenantId: parsed.tenantId,
        userId: row.user_id,
        login: row.login ?? null,
        displayName: row.display_name ?? row.name,
        roles: row.roles.filter(isRole),
        via: 'token',
        tokenId: row.id,
        fachverfahrenId: row.fachverfahren_id,
      };
      if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.clear();
      tokenCache.set(parsed.tokenHash, {
        until: Date.now() + TOKEN_CACHE_MS,
        expiresAt: row.expires_at,
        principal,
      });
      return principal;
    },

    async createApiToken(args: {
      tenantId: string;
      roles: Role[];
      name?: string;
      userLogin?: string;
      expiresInDays?: number;
      /** A Fachverfahren's token: its Vorgänge carry the Fachverfahren (external references per procedure). */
      fachverfahrenId?: string;
      actor: string;
    }) {
      if (args.roles.length === 0) throw tokenWithoutRole();
      return database.withTenant(args.tenantId, async (trx) => {
        const user = args.userLogin ? await usersRepository.findUserByLogin(trx, args.userLogin) : undefined;
        if (args.userLogin && !user) throw userNotFound(args.userLogin);
        const { token, tokenHash } = newApiToken(args.tenantId);
        const expiresAt = args.expiresInDays ? new Date(Date.now() + args.expiresInDays * 86400_000) : null;
        const row = await repo.insertToken(trx, {
          tokenHash,
          name: args.name ?? (user ? `Token für ${user.login}` : 'API-Token'),
          userId: user?.id ?? null,
          roles: args.roles,
          expiresAt,
          fachverfahrenId: args.fachverfahrenId,
        });
        await appendAuditEvent(trx, {
          actor: args.actor,
          action: 'identity.token_created',
          objectType: 'api_token',
          objectId: row.id,
          data: { roles: args.roles, user: user?.login ?? null, expiresAt: expiresAt?.toISOString() ?? null },
        });
        return { id: row.id, token, expiresAt };
      });
    },

    async revokeApiToken({ principal, tokenId }: { principal: Principal; tokenId: string }) {
      await database.withTenant(principal.tenantId, async (trx) => {
        if (!(await repo.revoke(trx, tokenId))) throw apiTokenNotFound();
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'identity.token_revoked',
          objectType: 'api_token',
          objectId: tokenId,
        });
      });
      // After the commit: a request in between must not cache the token again.
      tokenCache.clear();
    },

    listApiTokens: ({ tenantId }: { tenantId: string }) =>
      database.withTenant(tenantId, (trx) => repo.list(trx)),
  };
}

export type ApiTokenUsecases = ReturnType<typeof createApiTokenUsecases>;
