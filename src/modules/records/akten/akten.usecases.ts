import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { unknownAktenplanUnit } from '../aktenplan/aktenplan.errors.ts';
import { findSettings, findUnitByKennzeichen } from '../aktenplan/aktenplan.repository.ts';
import { looksLikeUuid } from '../records.models.ts';
import { type Page, resolveOrgUnit } from '../records.repository.ts';
import { requireWriter } from '../viewer/viewer.models.ts';
import { inViewerTenant, type Viewer } from '../viewer/viewer.ts';
import { akteNotFound, akteNoUnit, akteStatusUnchanged, reopenNeedsLeitung } from './akten.errors.ts';
import {
  type AktenFilter,
  type AkteStatus,
  type CreateAkteInput,
  counterYearOf,
  DEFAULT_AKTENZEICHEN_MUSTER,
  formatAktenzeichen,
} from './akten.models.ts';
import {
  findVisibleAkte,
  insertAkte,
  kreisschluesselOf,
  listVisibleAkten,
  nextAktenzeichenNr,
  updateAkteStatus,
} from './akten.repository.ts';

/** The Akte if the viewer may see it; otherwise (or for a malformed id) akte.not_found. */
export async function loadVisibleAkte(trx: TenantTrx, viewer: Viewer, id: string) {
  const akte = looksLikeUuid(id) ? await findVisibleAkte(trx, { viewer, id }) : undefined;
  if (!akte) throw akteNotFound();
  return akte;
}

/** Creates an Akte with the next Aktenzeichen of its unit (and year) in the caller's transaction. */
export async function createAkteInTrx(trx: TenantTrx, actor: string, input: CreateAkteInput) {
  const settings = await findSettings(trx);
  const kennzeichen = input.aktenplan ?? settings?.default_kennzeichen;
  if (!kennzeichen) throw akteNoUnit();
  const unit = await findUnitByKennzeichen(trx, kennzeichen);
  if (!unit) throw unknownAktenplanUnit(kennzeichen);
  const muster = settings?.aktenzeichen_muster ?? DEFAULT_AKTENZEICHEN_MUSTER;
  const jahr = new Date().getFullYear();
  const nr = await nextAktenzeichenNr(trx, { unitId: unit.id, jahr: counterYearOf(muster, jahr) });
  const kreisschluessel = await kreisschluesselOf(trx);
  const aktenzeichen = formatAktenzeichen(muster, {
    kennzeichen: unit.kennzeichen,
    nr,
    jahr,
    kreisschluessel,
  });
  const row = await insertAkte(trx, {
    unitId: unit.id,
    aktenzeichen,
    titel: input.titel,
    oeId: await resolveOrgUnit(trx, input.federfuehrendeOe),
    vertraulichkeit: input.vertraulichkeit ?? unit.vertraulichkeit,
    createdBy: actor,
  });
  await appendAuditEvent(trx, {
    actor,
    action: 'records.akte_created',
    objectType: 'akte',
    objectId: row.id,
    data: { aktenzeichen, titel: input.titel, aktenplan: unit.kennzeichen },
  });
  return row;
}

export function createAktenUsecases({ database }: { database: DatabaseHandle }) {
  const inTenant = inViewerTenant(database);
  return {
    async createAkte(principal: Principal, input: CreateAkteInput) {
      requireWriter(principal);
      return inTenant(principal, async (trx) => createAkteInTrx(trx, actorOf(principal), input));
    },

    async listAkten(principal: Principal, filter: AktenFilter, page: Page) {
      return inTenant(principal, (trx, viewer) => listVisibleAkten(trx, { viewer, filter, page }));
    },

    async getAkte(principal: Principal, id: string) {
      return inTenant(principal, (trx, viewer) => loadVisibleAkte(trx, viewer, id));
    },

    /** z.d.A. (zu den Akten): freezes the Akte. Reopening needs the role leitung. Both audited. */
    async setAkteStatus(principal: Principal, id: string, status: AkteStatus, begruendung?: string) {
      requireWriter(principal);
      if (status === 'offen' && !hasRole(principal, 'leitung')) throw reopenNeedsLeitung();
      return inTenant(principal, async (trx, viewer) => {
        const akte = await loadVisibleAkte(trx, viewer, id);
        if (akte.status === status) throw akteStatusUnchanged(status);
        await updateAkteStatus(trx, { id, status });
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: status === 'zda' ? 'records.akte_closed' : 'records.akte_reopened',
          objectType: 'akte',
          objectId: id,
          data: { aktenzeichen: akte.aktenzeichen, begruendung: begruendung ?? null },
        });
        return loadVisibleAkte(trx, viewer, id);
      });
    },
  };
}

export type AktenUsecases = ReturnType<typeof createAktenUsecases>;
