import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { actorOf, type Principal } from '../../../platform/http/principal.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { DEFAULT_AKTENZEICHEN_MUSTER, validateAktenzeichenMuster } from '../akten/akten.models.ts';
import { parseAktenplanCsv, renderAktenplanCsv } from './aktenplan.csv.ts';
import {
  aktenplanAdminOnly,
  aktenplanUnitNotFound,
  unitExists,
  unknownAktenplanUnit,
} from './aktenplan.errors.ts';
import { validateUnit } from './aktenplan.models.ts';
import {
  findSettings,
  findUnit,
  findUnitByKennzeichen,
  listTemplateSummaries,
  listUnits,
  upsertSettings,
  upsertUnits,
} from './aktenplan.repository.ts';
import { DEFAULT_KENNZEICHEN } from './aktenplan.template.ts';

const requireAdmin = (principal: Principal) => {
  if (!principal.roles.some((r) => r === 'kreis-admin' || r === 'verbund-admin')) throw aktenplanAdminOnly();
};

/** The county's Aktenplan (units, CSV import and export) and its Aktenzeichen settings. */
/** The county's Aktenzeichen pattern and default unit (the defaults where it set none). */
async function readSettings(trx: TenantTrx) {
  const row = await findSettings(trx);
  return {
    aktenzeichenMuster: row?.aktenzeichen_muster ?? DEFAULT_AKTENZEICHEN_MUSTER,
    defaultKennzeichen: row?.default_kennzeichen ?? DEFAULT_KENNZEICHEN,
  };
}

export function createAktenplanUsecases({ database }: { database: DatabaseHandle }) {
  return {
    async listUnits(principal: Principal) {
      return database.withTenant(principal.tenantId, (trx) => listUnits(trx));
    },

    async getUnit(principal: Principal, id: string) {
      return database.withTenant(principal.tenantId, async (trx) => {
        const unit = await findUnit(trx, id);
        if (!unit) throw aktenplanUnitNotFound();
        return unit;
      });
    },

    async addUnit(principal: Principal, input: Record<string, unknown>) {
      requireAdmin(principal);
      const unit = validateUnit(input);
      return database.withTenant(principal.tenantId, async (trx) => {
        if (await findUnitByKennzeichen(trx, unit.kennzeichen)) throw unitExists(unit.kennzeichen);
        await upsertUnits(trx, { units: [unit] });
        const added = (await findUnitByKennzeichen(trx, unit.kennzeichen))!;
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'records.aktenplan_unit_added',
          objectType: 'aktenplan_unit',
          objectId: added.id,
          data: { ...unit },
        });
        return added;
      });
    },

    /** CSV import: all or nothing; every error names its line. Existing units are updated. */
    async importCsv(principal: Principal, text: string) {
      requireAdmin(principal);
      const units = parseAktenplanCsv(text);
      return database.withTenant(principal.tenantId, async (trx) => {
        const result = await upsertUnits(trx, { units });
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'records.aktenplan_imported',
          objectType: 'aktenplan',
          objectId: principal.tenantId,
          data: result,
        });
        return result;
      });
    },

    async exportCsv(principal: Principal) {
      return renderAktenplanCsv(await database.withTenant(principal.tenantId, (trx) => listUnits(trx)));
    },

    async getSettings(tenantId: string) {
      return database.withTenant(tenantId, readSettings);
    },

    /** Changes the pattern and/or the default unit (kreis-admin, audited); answers the settings now. */

    async updateSettings(
      principal: Principal,
      input: { aktenzeichenMuster?: string; defaultKennzeichen?: string },
    ) {
      requireAdmin(principal);
      if (input.aktenzeichenMuster !== undefined) validateAktenzeichenMuster(input.aktenzeichenMuster);
      return database.withTenant(principal.tenantId, async (trx) => {
        const { defaultKennzeichen, aktenzeichenMuster } = input;
        if (defaultKennzeichen !== undefined && !(await findUnitByKennzeichen(trx, defaultKennzeichen)))
          throw unknownAktenplanUnit(defaultKennzeichen);
        await upsertSettings(trx, {
          ...(aktenzeichenMuster !== undefined ? { aktenzeichen_muster: aktenzeichenMuster } : {}),
          ...(defaultKennzeichen !== undefined ? { default_kennzeichen: defaultKennzeichen } : {}),
        });
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'records.settings_changed',
          objectType: 'records_settings',
          objectId: trx.tenantId,
          data: input,
        });
        return readSettings(trx);
      });
    },

    async listTemplates() {
      return listTemplateSummaries(database.db);
    },
  };
}

export type AktenplanUsecases = ReturnType<typeof createAktenplanUsecases>;
