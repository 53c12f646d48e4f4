import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { actorOf, type Principal } from '../../../platform/http/principal.ts';
import { forbidden, notFound, unprocessable } from '../../../shared/errors.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import type { IntakeFiling } from '../import/intake-filing.ts';
import { normalizeAddress } from './mail.models.ts';
import { findEingang, insertEingang, listEingaenge, listNachrichten } from './mail.repository.ts';

const looksLikeUuid = (id: string) => /^[0-9a-f-]{36}$/i.test(id);

/** Intake addresses of a county (Kreis-Administration): each with its own Akte and sender allow-list. */
export function createMailEingangUsecases({
  database,
  filing,
}: {
  database: DatabaseHandle;
  filing: IntakeFiling;
}) {
  const requireAdmin = (principal: Principal) => {
    if (!principal.roles.some((r) => r === 'kreis-admin' || r === 'verbund-admin'))
      throw forbidden(
        'mail intake needs kreis-admin',
        'E-Mail-Eingänge richtet die Kreis-Administration ein.',
      );
  };
  return {
    async create(
      principal: Principal,
      input: { adresse: string; name: string; aktenplan?: string; oe?: string; absender?: string[] },
    ) {
      requireAdmin(principal);
      const actor = actorOf(principal);
      return database.withTenant(principal.tenantId, async (trx) => {
        const akte = await filing.createAkteInTrx(trx, actor, {
          titel: `E-Mail-Eingang ${input.name}`,
          aktenplan: input.aktenplan,
          federfuehrendeOe: input.oe ?? null,
        });
        const eingang = await insertEingang(trx, {
          adresse: normalizeAddress(input.adresse),
          name: input.name,
          oe: input.oe ?? null,
          akteId: akte.id,
          absender: (input.absender ?? []).map(normalizeAddress),
          actor,
        });
        if (!eingang)
          throw unprocessable(
            'mail_eingang.address_taken',
            'address taken',
            `Die Adresse „${input.adresse}“ ist schon vergeben.`,
          );
        await appendAuditEvent(trx, {
          actor,
          action: 'ingest.mail_eingang_created',
          objectType: 'mail_eingang',
          objectId: eingang.id,
          data: { adresse: eingang.adresse, absender: eingang.absender },
        });
        return { ...eingang, nachrichten: [] as Awaited<ReturnType<typeof listNachrichten>> };
      });
    },
    async list(principal: Principal) {
      requireAdmin(principal);
      return database.withTenant(principal.tenantId, (trx) => listEingaenge(trx));
    },
    async get(principal: Principal, id: string) {
      requireAdmin(principal);
      const missing = () => notFound('mail_eingang', 'Der E-Mail-Eingang');
      if (!looksLikeUuid(id)) throw missing();
      return database.withTenant(principal.tenantId, async (trx) => {
        const eingang = await findEingang(trx, id);
        if (!eingang) throw missing();
        return { ...eingang, nachrichten: await listNachrichten(trx, id) };
      });
    },
  };
}

export type MailEingangUsecases = ReturnType<typeof createMailEingangUsecases>;
