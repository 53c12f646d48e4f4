import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { actorOf, type Principal } from '../../../platform/http/principal.ts';
import { recordEventInTrx } from '../../../platform/outbox/outbox.ts';
import { checkDate } from '../../../shared/dates.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { loadVisibleAkte } from '../akten/akten.usecases.ts';
import { looksLikeUuid } from '../records.models.ts';
import { type Page, resolveOrgUnit, resolveUser } from '../records.repository.ts';
import { requireWriter } from '../viewer/viewer.models.ts';
import { inViewerTenant, type Viewer } from '../viewer/viewer.ts';
import { vorgangNotFound } from './vorgaenge.errors.ts';
import {
  type CreateVorgangInput,
  changedFields,
  normalizeExterneReferenz,
  type UpdateVorgangInput,
} from './vorgaenge.models.ts';
import {
  findVisibleVorgang,
  insertVorgang,
  listVisibleVorgaenge,
  listVorgangHistory,
  updateVorgang,
  type VorgaengeFilter,
} from './vorgaenge.repository.ts';

/** The Vorgang if the viewer may see it; otherwise (or for a malformed id) vorgang.not_found. */
export async function loadVisibleVorgang(trx: TenantTrx, viewer: Viewer, id: string) {
  const vorgang = looksLikeUuid(id) ? await findVisibleVorgang(trx, { viewer, id }) : undefined;
  if (!vorgang) throw vorgangNotFound();
  return vorgang;
}

/** Creates a Vorgang in the Akte within the caller's transaction (audited unless `audit: false`). */
export async function createVorgangInTrx(
  trx: TenantTrx,
  actor: string,
  akteId: string,
  input: CreateVorgangInput,
  options: { audit?: boolean } = {},
) {
  const row = await insertVorgang(trx, {
    akte_id: akteId,
    betreff: input.betreff,
    eingangsdatum: checkDate(input.eingangsdatum, 'eingangsdatum') ?? undefined,
    frist: checkDate(input.frist, 'frist'),
    wiedervorlage: checkDate(input.wiedervorlage, 'wiedervorlage'),
    zustaendig_user_id: await resolveUser(trx, input.zustaendigPerson),
    zustaendig_oe_id: await resolveOrgUnit(trx, input.zustaendigOe, { trustedId: input.zustaendigOeIstId }),
    externe_referenz: normalizeExterneReferenz(input.externeReferenz),
    created_by: actor,
    ...(input.fachverfahrenId ? { fachverfahren_id: input.fachverfahrenId } : {}),
  });
  // A caller that records the whole change in one event of its own skips this one.
  if (options.audit === false) return row;
  await appendAuditEvent(trx, {
    actor,
    action: 'records.vorgang_created',
    objectType: 'vorgang',
    objectId: row.id,
    data: { akteId, betreff: input.betreff },
  });
  return row;
}

/** The columns a change sets (only the fields given; names and references resolved). */
async function changeSet(trx: TenantTrx, input: UpdateVorgangInput) {
  const set: Record<string, unknown> = { updated_at: new Date() };
  if (input.betreff !== undefined) set.betreff = input.betreff;
  if (input.status !== undefined) set.status = input.status;
  if (input.frist !== undefined) set.frist = checkDate(input.frist, 'frist');
  if (input.wiedervorlage !== undefined) set.wiedervorlage = checkDate(input.wiedervorlage, 'wiedervorlage');
  if (input.zustaendigPerson !== undefined)
    set.zustaendig_user_id = await resolveUser(trx, input.zustaendigPerson);
  if (input.zustaendigOe !== undefined) set.zustaendig_oe_id = await resolveOrgUnit(trx, input.zustaendigOe);
  if (input.externeReferenz !== undefined)
    set.externe_referenz = normalizeExterneReferenz(input.externeReferenz);
  return set;
}

export function createVorgaengeUsecases({ database }: { database: DatabaseHandle }) {
  const inTenant = inViewerTenant(database);
  return {
    async createVorgang(principal: Principal, akteId: string, input: CreateVorgangInput) {
      requireWriter(principal);
      return inTenant(principal, async (trx, viewer) => {
        await loadVisibleAkte(trx, viewer, akteId);
        return createVorgangInTrx(trx, actorOf(principal), akteId, {
          ...input,
          fachverfahrenId: principal.fachverfahrenId ?? null,
        });
      });
    },

    async listVorgaenge(principal: Principal, filter: VorgaengeFilter, page: Page) {
      return inTenant(principal, async (trx, viewer) => {
        if (filter.akteId && !looksLikeUuid(filter.akteId)) return { items: [], total: 0 };
        return listVisibleVorgaenge(trx, { viewer, filter, page });
      });
    },

    /** The Vorgänge of one Akte; 404 when the Akte is not there or not visible. */
    async listVorgaengeOfAkte(principal: Principal, akteId: string, page: Page) {
      return inTenant(principal, async (trx, viewer) => {
        await loadVisibleAkte(trx, viewer, akteId);
        return listVisibleVorgaenge(trx, { viewer, filter: { akteId }, page });
      });
    },

    async getVorgang(principal: Principal, id: string) {
      return inTenant(principal, (trx, viewer) => loadVisibleVorgang(trx, viewer, id));
    },

    async updateVorgang(principal: Principal, id: string, input: UpdateVorgangInput) {
      requireWriter(principal);
      return inTenant(principal, async (trx, viewer) => {
        const before = await loadVisibleVorgang(trx, viewer, id);
        await updateVorgang(trx, { id, set: await changeSet(trx, input) });
        if (input.status !== undefined && input.status !== before.status)
          await recordEventInTrx(trx, {
            ereignis: 'vorgang.status',
            vorgangId: id,
            daten: {
              landkreis: { id: trx.tenantId },
              vorgang: {
                id,
                aktenzeichen: before.aktenzeichen,
                betreff: before.betreff,
                status: input.status,
                vorher: before.status,
                externeReferenz: before.externeReferenz,
              },
            },
          });
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'records.vorgang_updated',
          objectType: 'vorgang',
          objectId: id,
          data: { vorher: { status: before.status }, ...changedFields(input) },
        });
        // A person seeing their own change has seen the Vorgang.
        return loadVisibleVorgang(trx, viewer, id);
      });
    },

    /** History of a Vorgang and its documents, from the audit chain. */
    async history(principal: Principal, vorgangId: string) {
      return inTenant(principal, async (trx, viewer) => {
        await loadVisibleVorgang(trx, viewer, vorgangId);
        return listVorgangHistory(trx, vorgangId);
      });
    },
  };
}

export type VorgaengeUsecases = ReturnType<typeof createVorgaengeUsecases>;
