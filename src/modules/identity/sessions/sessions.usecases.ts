import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { isRole, type Principal } from '../../../platform/http/principal.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { invalidLogin, loginThrottled } from '../identity.errors.ts';
import { newSessionSecret, parseSessionCookie, splitLogin } from '../identity.models.ts';
import { verifyPassword } from '../passwords.ts';
import { usersRepository } from '../users/users.repository.ts';
import { clearFailures, lockedUntil, recordFailure } from './login-throttle.repository.ts';
import { sessionsRepository as repo } from './sessions.repository.ts';

export function createSessionUsecases({
  database,
  sessionHours,
}: {
  database: DatabaseHandle;
  sessionHours: number;
}) {
  async function tenantExists(tenantId: string) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(tenantId)) return false;
    return repo.tenantExists(database.db, tenantId);
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
          if (until) throw loginThrottled(until);
          const user = await usersRepository.findUserByLogin(trx, login);
          const ok = await verifyPassword(user?.password_hash ?? null, password);
          if (!user || !ok || user.disabled_at) {
            await recordFailure(trx, login);
            // The failure count must survive the error, so this transaction commits; the caller gets 401.
            return { error: invalidLogin() } as const;
          }
          await clearFailures(trx, login);
          const session = newSessionSecret(tenantId);
          await repo.insertSession(trx, {
            id: session.sessionId,
            userId: user.id,
            csrfToken: session.csrfToken,
            expiresAt: new Date(Date.now() + sessionHours * 3600_000),
          });
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
        const row = await repo.findSessionUser(trx, parsed.sessionId);
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
      await database.withTenant(parsed.tenantId, (trx) => repo.deleteSession(trx, parsed.sessionId));
    },
  };
}

export type SessionUsecases = ReturnType<typeof createSessionUsecases>;
