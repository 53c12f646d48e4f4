import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { actorOf, type Principal } from '../../../platform/http/principal.ts';
import { forbidden } from '../../../shared/errors.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import type { IntakeFiling } from '../import/intake-filing.ts';
import { eingangsordnerErrors } from './eingangsordner.errors.ts';
import { checkRegeln } from './eingangsordner.models.ts';
import {
  findOrdner,
  insertOrdner,
  listDateiLog,
  listOrdner,
  updateOrdner,
} from './eingangsordner.repository.ts';
import { folderDir } from './eingangsordner.watcher.ts';

export type EingangsordnerInput = {
  name: string;
  pfad: string;
  aktenplan?: string;
  oe?: string | null;
  regeln?: unknown;
  stabilSekunden?: number;
};

const looksLikeUuid = (id: string) => /^[0-9a-f-]{36}$/i.test(id);

/** Consume folders of a county: set up (Kreis-Administration), list, look at, change. */
export function createEingangsordnerUsecases({
  database,
  filing,
  root,
}: {
  database: DatabaseHandle;
  filing: IntakeFiling;
  /** `<root>/<landkreis>/` holds the county's folders. */
  root: string;
}) {
  const requireAdmin = (principal: Principal) => {
    if (!principal.roles.some((r) => r === 'kreis-admin' || r === 'verbund-admin'))
      throw forbidden(
        'consume folders need kreis-admin',
        'Eingangsordner richtet die Kreis-Administration ein.',
      );
  };
  const regelnOf = (input: unknown) => {
    const { regeln, errors } = checkRegeln(input ?? []);
    if (errors.length) throw eingangsordnerErrors.regelnInvalid(errors);
    return regeln;
  };
  const load = async (principal: Principal, id: string) => {
    if (!looksLikeUuid(id)) throw eingangsordnerErrors.notFound();
    return database.withTenant(principal.tenantId, async (trx) => {
      const ordner = await findOrdner(trx, id);
      if (!ordner) throw eingangsordnerErrors.notFound();
      return { ...ordner, dateien: await listDateiLog(trx, { ordnerId: id, limit: 50 }) };
    });
  };

  return {
    /** Creates the folder (on disk too) with its own Akte in the given unit, federführend its OE. */
    async create(principal: Principal, input: EingangsordnerInput) {
      requireAdmin(principal);
      const pfad = path.posix.normalize(input.pfad.replace(/\\/g, '/')).replace(/\/+$/, '');
      if (!pfad || pfad.startsWith('/') || pfad.split('/').includes('..') || pfad === '.')
        throw eingangsordnerErrors.pathInvalid();
      const regeln = regelnOf(input.regeln);
      const actor = actorOf(principal);
      const ordner = await database.withTenant(principal.tenantId, async (trx) => {
        const akte = await filing.createAkteInTrx(trx, actor, {
          titel: `Posteingang ${input.name}`,
          aktenplan: input.aktenplan,
          federfuehrendeOe: input.oe ?? null,
        });
        const created = await insertOrdner(trx, {
          name: input.name,
          pfad,
          oe: input.oe ?? null,
          aktenplan: input.aktenplan ?? '',
          akteId: akte.id,
          regeln,
          stabilSekunden: input.stabilSekunden ?? 5,
          actor,
        });
        if (!created) throw eingangsordnerErrors.pathTaken(pfad);
        await appendAuditEvent(trx, {
          actor,
          action: 'ingest.eingangsordner_created',
          objectType: 'eingangsordner',
          objectId: created.id,
          data: { name: input.name, pfad, aktenzeichen: akte.aktenzeichen, oe: input.oe ?? null },
        });
        return created;
      });
      await mkdir(folderDir(root, ordner), { recursive: true });
      return load(principal, ordner.id);
    },

    async list(principal: Principal) {
      requireAdmin(principal);
      return database.withTenant(principal.tenantId, (trx) => listOrdner(trx));
    },

    async get(principal: Principal, id: string) {
      requireAdmin(principal);
      return load(principal, id);
    },

    async update(
      principal: Principal,
      id: string,
      change: { name?: string; regeln?: unknown; stabilSekunden?: number; aktiv?: boolean },
    ) {
      requireAdmin(principal);
      await load(principal, id);
      const regeln = change.regeln === undefined ? undefined : regelnOf(change.regeln);
      await database.withTenant(principal.tenantId, async (trx) => {
        await updateOrdner(trx, id, { ...change, regeln });
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'ingest.eingangsordner_changed',
          objectType: 'eingangsordner',
          objectId: id,
          data: { ...change, regeln: regeln ?? undefined },
        });
      });
      return load(principal, id);
    },
  };
}

export type EingangsordnerUsecases = ReturnType<typeof createEingangsordnerUsecases>;
