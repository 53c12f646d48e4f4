import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../platform/database/database.ts';
import { actorOf, isRole, type Principal, type Role } from '../../platform/http/principal.ts';
import { AppError, badRequest, conflict, notFound } from '../../shared/errors.ts';
import { appendAuditEvent } from '../audit/audit.module.ts';
import {
  newApiToken,
  newSessionSecret,
  parseApiToken,
  parseSessionCookie,
  splitLogin,
} from './identity.models.ts';
import { identityRepository as repo } from './identity.repository.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';
import { clearFailures, lockedUntil, recordFailure } from './throttle.ts';

const invalidLogin = () =>
  new AppError({
    code: 'auth.invalid_credentials',
    status: 401,
    message: 'invalid county, login or password',
    messageDe: 'Landkreis, Benutzername oder Passwort sind nicht korrekt.',
  });

/**
 * How long this process trusts an API token it has checked: every API request would otherwise
 * cost a database round trip. A revocation in this process takes effect at once (the cache is
 * cleared); one made elsewhere (another process, SQL) within this time. Expiry is checked on every
 * request.
 */
export const TOKEN_CACHE_MS = 1000;
const TOKEN_CACHE_MAX = 10_000;

export function createIdentityUsecases({
  database,
  sessionHours,
}: {
  database: DatabaseHandle;
  sessionHours: number;
}) {
  // Only valid tokens are cached (an unknown token never is), keyed by the token's hash.
  const tokenCache = new Map<string, { until: number; expiresAt: Date | null; principal: Principal }>();

  async function tenantExists(tenantId: string) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(tenantId)) return false;
    const row = await database.db
      .selectFrom('tenants')
      .select('id')
      .where('id', '=', tenantId)
      .executeTakeFirst();
    return Boolean(row);
  }

  return {
    tenantExists,

    /** Checks login and password, applies throttling, and opens a session. */
    async login({
      tenantId: tenantInput,
      login: loginInput,
      password,
    }: {
      tenantId?: string;
      login: string;
      password: string;
    }) {
      const { login, tenantId } = splitLogin(loginInput, tenantInput);
      if (!login || !password || !(await tenantExists(tenantId))) {
        await verifyPassword(null, password || 'x');
        throw invalidLogin();
      }
      return database
        .withTenant(tenantId, async (trx) => {
          const until = await lockedUntil(trx, login);
          if (until) {
            throw new AppError({
              code: 'auth.throttled',
              status: 429,
              message: `too many failed logins; locked until ${until.toISOString()}`,
              messageDe: `Zu viele Fehlversuche. Die Anmeldung ist bis ${until.toLocaleTimeString('de-DE', { timeZone: 'Europe/Berlin' })} Uhr gesperrt.`,
              details: { lockedUntil: until.toISOString() },
            });
          }
          const user = await repo.findUserByLogin(trx, login);
          const ok = await verifyPassword(user?.password_hash ?? null, password);
          if (!user || !ok || user.disabled_at) {
            await recordFailure(trx, login);
            // The failure count must survive the error, so this transaction commits; the caller gets 401.
            return { error: invalidLogin() } as const;
          }
          await clearFailures(trx, login);
          const session = newSessionSecret(tenantId);
          await trx
            .insertInto('sessions')
            .values({
              tenant_id: tenantId,
              id: session.sessionId,
              user_id: user.id,
              csrf_token: session.csrfToken,
              expires_at: new Date(Date.now() + sessionHours * 3600_000),
            })
            .execute();
          await appendAuditEvent(trx, {
            actor: `user:${login}`,
            action: 'identity.login',
            objectType: 'user',
            objectId: user.id,
          });
          return { cookie: session.cookie, tenantId, userId: user.id } as const;
        })
        .then((result) => {
          if ('error' in result) throw result.error;
          return result;
        });
    },

    async resolveSession(cookie: string): Promise<Principal | null> {
      const parsed = parseSessionCookie(cookie);
      if (!parsed) return null;
      return database.withTenant(parsed.tenantId, async (trx) => {
        const row = await trx
          .selectFrom('sessions')
          .innerJoin('users', (join) =>
            join
              .onRef('users.tenant_id', '=', 'sessions.tenant_id')
              .onRef('users.id', '=', 'sessions.user_id'),
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
          .where('sessions.id', '=', parsed.sessionId)
          .executeTakeFirst();
        if (!row || row.expires_at < new Date() || row.disabled_at) return null;
        return {
          tenantId: parsed.tenantId,
          userId: row.id,
          login: row.login,
          displayName: row.display_name,
          roles: row.roles.filter(isRole),
          via: 'session',
          csrfToken: row.csrf_token,
        };
      });
    },

    async logout(cookie: string) {
      const parsed = parseSessionCookie(cookie);
      if (!parsed) return;
      await database.withTenant(parsed.tenantId, (trx) =>
        trx.deleteFrom('sessions').where('id', '=', parsed.sessionId).execute(),
      );
    },

    async resolveApiToken(token: string): Promise<Principal | null> {
      const parsed = parseApiToken(token);
      if (!parsed) return null;
      // Every API request resolves its token: one round trip, a prepared statement.
      if (!/^[0-9a-f]{64}$/.test(parsed.tokenHash)) return null;
      const cached = tokenCache.get(parsed.tokenHash);
      if (cached && cached.until > Date.now() && cached.principal.tenantId === parsed.tenantId) {
        if (cached.expiresAt && cached.expiresAt < new Date()) return null;
        return cached.principal;
      }
      const [row] = await database.executeAsTenant(
        parsed.tenantId,
        sql<{
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
        }>`select t.id, t.name, t.roles, t.user_id, t.revoked_at, t.expires_at, t.last_used_at,
                u.login, u.display_name, u.disabled_at, t.fachverfahren_id
         from api_tokens t left join users u on u.id = t.user_id
         where t.token_hash = ${parsed.tokenHash}`,
      );
      if (!row || row.revoked_at || (row.expires_at && row.expires_at < new Date())) return null;
      if (row.disabled_at) return null;
      // Recording every use would serialise hot API traffic on one row; once a minute is enough.
      if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
        await database.withTenant(parsed.tenantId, (trx) =>
          trx.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.id).execute(),
        );
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
      if (args.roles.length === 0)
        throw badRequest('token.no_role', 'at least one role required', 'Mindestens eine Rolle ist nötig.');
      return database.withTenant(args.tenantId, async (trx) => {
        const user = args.userLogin ? await repo.findUserByLogin(trx, args.userLogin) : undefined;
        if (args.userLogin && !user) throw notFound('user', `Benutzer „${args.userLogin}“`);
        const { token, tokenHash } = newApiToken(args.tenantId);
        const expiresAt = args.expiresInDays ? new Date(Date.now() + args.expiresInDays * 86400_000) : null;
        const row = await trx
          .insertInto('api_tokens')
          .values({
            tenant_id: args.tenantId,
            token_hash: tokenHash,
            name: args.name ?? (user ? `Token für ${user.login}` : 'API-Token'),
            user_id: user?.id ?? null,
            roles: args.roles,
            expires_at: expiresAt,
            ...(args.fachverfahrenId ? { fachverfahren_id: args.fachverfahrenId } : {}),
          } as never)
          .returning(['id'])
          .executeTakeFirstOrThrow();
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
        const row = await trx
          .updateTable('api_tokens')
          .set({ revoked_at: new Date() })
          .where('id', '=', tokenId)
          .where('revoked_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!row) throw notFound('api_token', 'Das Token');
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

    async listApiTokens({ tenantId }: { tenantId: string }) {
      return database.withTenant(tenantId, (trx) =>
        trx
          .selectFrom('api_tokens')
          .select(['id', 'name', 'roles', 'expires_at', 'revoked_at', 'last_used_at', 'created_at'])
          .orderBy('created_at', 'desc')
          .execute(),
      );
    },

    addUser: (args: AddUserArgs) => database.withTenant(args.tenantId, (trx) => addUserInTrx(trx, args)),
    listUsers: ({ tenantId }: { tenantId: string }) =>
      database.withTenant(tenantId, (trx) => repo.listUsers(trx)),
    listOrgUnits: ({ tenantId }: { tenantId: string }) =>
      database.withTenant(tenantId, (trx) => repo.listOrgUnits(trx)),
  };
}

export type AddUserArgs = {
  tenantId: string;
  login: string;
  displayName: string;
  password: string | null;
  roles: Role[];
  orgUnit?: string;
  email?: string;
  actor: string;
};

/** Adds a user inside an open tenant transaction (also used by onboarding and the demo seed). */
export async function addUserInTrx(trx: TenantTrx, args: AddUserArgs) {
  const login = args.login.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{0,62}$/.test(login)) {
    throw badRequest(
      'user.invalid_login',
      'login must be 1–63 of a-z 0-9 . _ -',
      'Der Benutzername darf nur a–z, 0–9, Punkt, Unterstrich und Bindestrich enthalten (höchstens 63 Zeichen).',
    );
  }
  if (args.roles.length === 0)
    throw badRequest('user.no_role', 'at least one role required', 'Mindestens eine Rolle ist nötig.');
  if (args.password !== null) {
    const problem = checkPasswordPolicy(args.password);
    if (problem) throw badRequest('user.weak_password', 'password too short or too long', problem);
  }
  if (await repo.findUserByLogin(trx, login)) {
    throw conflict('user.exists', `user ${login} exists`, `Der Benutzer „${login}“ existiert bereits.`);
  }
  const unit = args.orgUnit ? await repo.findOrgUnitByKuerzel(trx, args.orgUnit) : undefined;
  if (args.orgUnit && !unit) throw notFound('org_unit', `Die Organisationseinheit „${args.orgUnit}“`);
  const user = await repo.insertUser(trx, {
    login,
    displayName: args.displayName,
    email: args.email,
    passwordHash: args.password === null ? null : await hashPassword(args.password),
    roles: args.roles,
    orgUnitId: unit?.id ?? null,
  });
  await appendAuditEvent(trx, {
    actor: args.actor,
    action: 'identity.user_added',
    objectType: 'user',
    objectId: user.id,
    data: { login, roles: args.roles },
  });
  return user;
}

export type IdentityUsecases = ReturnType<typeof createIdentityUsecases>;
