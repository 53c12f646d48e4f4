import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import type { IdentityUsecases } from '../../identity/identity.module.ts';
import type { OzgModule } from '../../ozg/ozg.module.ts';
import type { RecordsModule, VorgangStatus } from '../../records/records.module.ts';
import { KENNUNG } from '../integrations.models.ts';
import { fachverfahrenErrors } from './fachverfahren.errors.ts';
import type { FachverfahrenInput } from './fachverfahren.models.ts';
import { fachverfahrenRepository as repository } from './fachverfahren.repository.ts';

/** The Fachverfahren of a county: registration with an API token, and what they may do through it. */
export function createFachverfahrenUsecases({
  database,
  identity,
  ozg,
  records,
}: {
  database: DatabaseHandle;
  identity: Pick<IdentityUsecases, 'createApiToken'>;
  ozg: { antraege: Pick<OzgModule['antraege'], 'idForVorgang' | 'setStatus'> };
  records: { vorgaenge: Pick<RecordsModule['vorgaenge'], 'updateVorgang'> };
}) {
  /** Registers a Fachverfahren of the county with its own API token (shown once). */
  async function registerFachverfahren(principal: Principal, input: FachverfahrenInput) {
    if (!hasRole(principal, 'kreis-admin')) throw fachverfahrenErrors.registerForbidden();
    if (!KENNUNG.test(input.kennung)) throw fachverfahrenErrors.invalidKennung();
    const id = await database.withTenant(principal.tenantId, async (trx) => {
      const inserted = await repository.insert(trx, input);
      if (!inserted) throw fachverfahrenErrors.exists(input.kennung);
      await appendAuditEvent(trx, {
        actor: actorOf(principal),
        action: 'integrations.fachverfahren_registered',
        objectType: 'fachverfahren',
        objectId: inserted,
        data: { kennung: input.kennung, name: input.name },
      });
      return inserted;
    });
    const token = await identity.createApiToken({
      tenantId: principal.tenantId,
      roles: input.rollen?.length ? input.rollen : ['sachbearbeitung'],
      name: `Fachverfahren ${input.name}`,
      userLogin: input.benutzer,
      fachverfahrenId: id,
      actor: actorOf(principal),
    });
    return { id, kennung: input.kennung, name: input.name, token: token.token, tokenId: token.id };
  }

  async function listFachverfahren(principal: Principal) {
    return database.withTenant(principal.tenantId, (trx) => repository.list(trx));
  }

  /**
   * A Fachverfahren sets the status of a Vorgang; if it came as an Antrag, the Antrag's status (with
   * the release of its Bescheid to the citizen) is set instead.
   */
  async function setVorgangStatus(
    principal: Principal,
    vorgangId: string,
    input: { status: VorgangStatus; nachricht?: string; bescheidDokumentId?: string },
  ) {
    const antragId = await ozg.antraege.idForVorgang(principal, vorgangId);
    if (antragId) return ozg.antraege.setStatus(principal, antragId, input);
    return records.vorgaenge.updateVorgang(principal, vorgangId, { status: input.status });
  }

  return { registerFachverfahren, listFachverfahren, setVorgangStatus };
}

export type FachverfahrenUsecases = ReturnType<typeof createFachverfahrenUsecases>;
