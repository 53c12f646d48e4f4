import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import {
  createAkteInTrx,
  findDefaultKennzeichen,
  findUnitByKennzeichen,
  unknownAktenplanUnit,
} from '../../records/records.module.ts';
import { CATALOG_CACHE_MS, ttlCache } from '../ttl-cache.ts';
import type { Activation } from './aktivierungen.models.ts';
import {
  activationOf,
  currentOe,
  listActivations,
  lockActivation,
  oeByRef,
  upsertActivation,
} from './aktivierungen.repository.ts';
import { leistungErrors } from './leistungen.errors.ts';
import { LEISTUNG_ID, type Leistung } from './leistungen.models.ts';

export type AktivierungInput = { aktiv?: boolean; kennzeichen?: string; oe?: string | null };

/**
 * Activates a service for the county of `trx`: its filing unit (the service's suggestion unless
 * the county chose another), the responsible OE, and the Akte its Vorgänge are filed in.
 */
export async function activateInTrx(
  trx: TenantTrx,
  leistung: Pick<Leistung, 'id' | 'name' | 'kennzeichenVorschlag'> & { oe?: string | null },
  actor: string,
  input: AktivierungInput = {},
) {
  const current = await lockActivation(trx, leistung.id);
  let kennzeichen = input.kennzeichen ?? current?.kennzeichen ?? leistung.kennzeichenVorschlag;
  if (!(await findUnitByKennzeichen(trx, kennzeichen))) {
    if (input.kennzeichen) throw unknownAktenplanUnit(kennzeichen);
    kennzeichen = (await findDefaultKennzeichen(trx)) ?? kennzeichen;
  }
  const oeRef = input.oe !== undefined ? input.oe : ((await currentOe(trx, leistung.id)) ?? leistung.oe);
  const oe = oeRef ? await oeByRef(trx, oeRef) : undefined;
  if (oeRef && !oe && input.oe) throw leistungErrors.unknownOe(oeRef);
  let akteId = current?.akte_id ?? null;
  if (!akteId || (input.kennzeichen && input.kennzeichen !== current?.kennzeichen)) {
    const akte = await createAkteInTrx(trx, actor, {
      titel: `Anträge: ${leistung.name}`,
      aktenplan: kennzeichen,
    });
    akteId = akte.id;
  }
  const aktiv = input.aktiv ?? current?.aktiv ?? true;
  await upsertActivation(trx, { leistungId: leistung.id, aktiv, kennzeichen, akteId, oeId: oe?.id ?? null });
  await appendAuditEvent(trx, {
    actor,
    action: 'services.leistung_aktiviert',
    objectType: 'leistung',
    objectId: leistung.id,
    data: { aktiv, kennzeichen, akteId, oe: oeRef ?? null },
  });
  return { aktiv, kennzeichen, akteId };
}

/** A county's activations of the Verbund's services (cached for the submission hot path). */
export function createAktivierungenUsecases({
  database,
  getLeistung,
}: {
  database: DatabaseHandle;
  getLeistung: (idOrLeika: string) => Promise<Leistung>;
}) {
  const activationCache = ttlCache<Activation | undefined>(CATALOG_CACHE_MS);

  /** A county's activations (every Verbund service, active or not, with its filing unit). */
  function listAktivierungen(principal: Principal) {
    return database.withTenant(principal.tenantId, listActivations);
  }

  async function setAktivierung(principal: Principal, leistungId: string, input: AktivierungInput) {
    if (!hasRole(principal, 'kreis-admin')) throw leistungErrors.activationForbidden();
    const leistung = await getLeistung(leistungId);
    await database.withTenant(principal.tenantId, (trx) =>
      activateInTrx(trx, { ...leistung, oe: undefined }, actorOf(principal), input),
    );
    activationCache.clear();
    return (await listAktivierungen(principal)).find((a) => a.leistungId === leistung.id)!;
  }

  /**
   * A county's activation of a service with what filing an Antrag needs to know of its Akte
   * (cached for CATALOG_CACHE_MS; submission re-checks it against live data in its statement, so a
   * just-deactivated service never takes an Antrag).
   */
  function activation(tenantId: string, leistungId: string, options: { fresh?: boolean } = {}) {
    if (!LEISTUNG_ID.test(leistungId)) return Promise.resolve(undefined);
    const key = `${tenantId}:${leistungId}`;
    if (options.fresh) activationCache.delete(key);
    return activationCache.get(key, () => activationOf(database, tenantId, leistungId));
  }

  return { listAktivierungen, setAktivierung, activation };
}
