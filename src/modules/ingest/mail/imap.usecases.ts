import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { actorOf, type Principal } from '../../../platform/http/principal.ts';
import { forbidden, notFound } from '../../../shared/errors.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { type ImapPostfachInput, readImapStatus, upsertImapPostfach } from './imap.repository.ts';
import { findEingang } from './mail.repository.ts';

/** The IMAP mailbox of an intake address (Kreis-Administration); the password is never returned. */
export function createImapPostfachUsecases({ database }: { database: DatabaseHandle }) {
  const guard = (principal: Principal, id: string) => {
    if (!principal.roles.some((r) => r === 'kreis-admin' || r === 'verbund-admin'))
      throw forbidden('imap needs kreis-admin', 'E-Mail-Eingänge richtet die Kreis-Administration ein.');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('mail_eingang', 'Der E-Mail-Eingang');
  };
  return {
    async set(principal: Principal, id: string, input: Omit<ImapPostfachInput, 'eingangId'>) {
      guard(principal, id);
      return database.withTenant(principal.tenantId, async (trx) => {
        if (!(await findEingang(trx, id))) throw notFound('mail_eingang', 'Der E-Mail-Eingang');
        await upsertImapPostfach(trx, { ...input, eingangId: id });
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'ingest.mail_imap_set',
          objectType: 'mail_eingang',
          objectId: id,
          data: { host: input.host, port: input.port, benutzer: input.benutzer, ordner: input.ordner },
        });
        return (await readImapStatus(trx, id))!;
      });
    },
    async get(principal: Principal, id: string) {
      guard(principal, id);
      return database.withTenant(principal.tenantId, async (trx) => {
        const status = await readImapStatus(trx, id);
        if (!status) throw notFound('mail_imap', 'Das IMAP-Postfach des E-Mail-Eingangs');
        return status;
      });
    },
  };
}

export type ImapPostfachUsecases = ReturnType<typeof createImapPostfachUsecases>;
