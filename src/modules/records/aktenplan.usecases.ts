import type { DatabaseHandle, TenantTrx } from '../../platform/database/database.ts';
import type { Vertraulichkeit } from '../../platform/database/database.types.ts';
import { actorOf, type Principal } from '../../platform/http/principal.ts';
import type { OnboardingHook } from '../../platform/onboarding/onboarding.ts';
import { AppError, badRequest, forbidden, notFound } from '../../shared/errors.ts';
import { appendAuditEvent } from '../audit/audit.repository.ts';
import {
  DEFAULT_KENNZEICHEN,
  STANDARD_TEMPLATE_ID,
  STANDARD_TEMPLATE_NAME,
  STANDARD_TEMPLATE_UNITS,
} from './aktenplan.template.ts';
import {
  AKTENPLAN_CSV_HEADER,
  AUSSONDERUNG,
  compareKennzeichen,
  csvCell,
  DEFAULT_AKTENZEICHEN_MUSTER,
  isKennzeichen,
  parentKennzeichen,
  parseCsv,
  VERTRAULICHKEIT,
  validateAktenzeichenMuster,
} from './records.models.ts';

export type UnitInput = {
  kennzeichen: string;
  titel: string;
  aufbewahrungJahre: number | null;
  aussonderung: 'A' | 'B' | 'V';
  vertraulichkeit: Vertraulichkeit;
};

export type AktenplanUnit = UnitInput & { id: string; parentId: string | null; ausVorlage: boolean };

/** Makes sure the Verbund's standard template exists (idempotent; content from aktenplan.template.ts). */
export async function ensureStandardTemplate(trx: TenantTrx | DatabaseHandle['db']) {
  const exists = await trx
    .selectFrom('aktenplan_templates')
    .select('id')
    .where('id', '=', STANDARD_TEMPLATE_ID)
    .executeTakeFirst();
  if (exists) return;
  await trx
    .insertInto('aktenplan_templates')
    .values({ id: STANDARD_TEMPLATE_ID, name: STANDARD_TEMPLATE_NAME, owner_tenant_id: null })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await trx
    .insertInto('aktenplan_template_units')
    .values(
      STANDARD_TEMPLATE_UNITS.map(([kennzeichen, titel, jahre, aussonderung, v]) => ({
        template_id: STANDARD_TEMPLATE_ID,
        kennzeichen,
        titel,
        aufbewahrung_jahre: jahre,
        aussonderung,
        vertraulichkeit: v ?? 'offen',
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Inserts units in Kennzeichen order so every parent exists before its children. */
async function upsertUnits(trx: TenantTrx, units: UnitInput[], templateId: string | null) {
  const sorted = [...units].sort((a, b) => compareKennzeichen(a.kennzeichen, b.kennzeichen));
  const existing = new Map(
    (await trx.selectFrom('aktenplan_units').select(['id', 'kennzeichen']).execute()).map((u) => [
      u.kennzeichen,
      u.id,
    ]),
  );
  let added = 0;
  let updated = 0;
  for (const unit of sorted) {
    const parent = parentKennzeichen(unit.kennzeichen);
    const parentId = parent ? existing.get(parent) : null;
    if (parent && !parentId)
      throw badRequest(
        'aktenplan.parent_missing',
        `unit ${unit.kennzeichen} has no parent ${parent}`,
        `Zur Einheit ${unit.kennzeichen} fehlt die übergeordnete Einheit ${parent}.`,
      );
    const values = {
      titel: unit.titel,
      aufbewahrung_jahre: unit.aufbewahrungJahre,
      aussonderung: unit.aussonderung,
      vertraulichkeit: unit.vertraulichkeit,
    };
    const id = existing.get(unit.kennzeichen);
    if (id) {
      await trx.updateTable('aktenplan_units').set(values).where('id', '=', id).execute();
      updated++;
    } else {
      const row = await trx
        .insertInto('aktenplan_units')
        .values({
          tenant_id: trx.tenantId,
          kennzeichen: unit.kennzeichen,
          parent_id: parentId ?? null,
          template_id: templateId,
          ...values,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      existing.set(unit.kennzeichen, row.id);
      added++;
    }
  }
  return { added, updated };
}

/** Onboarding: a joining county adopts the Verbund template and gets default Aktenzeichen settings. */
export const aktenplanOnboardingHook: OnboardingHook = {
  name: 'records.aktenplan',
  label: 'Aktenplan-Vorlage des Verbunds',
  async activate({ trx }) {
    await ensureStandardTemplate(trx);
    const received = [];
    for (const template of await trx.selectFrom('aktenplan_templates').selectAll().execute()) {
      const units = await trx
        .selectFrom('aktenplan_template_units')
        .selectAll()
        .where('template_id', '=', template.id)
        .execute();
      // Units the county already has (same Kennzeichen) stay as they are: its own extensions win.
      const have = new Set(
        (await trx.selectFrom('aktenplan_units').select('kennzeichen').execute()).map((u) => u.kennzeichen),
      );
      await upsertUnits(
        trx,
        units
          .filter((u) => !have.has(u.kennzeichen))
          .map((u) => ({
            kennzeichen: u.kennzeichen,
            titel: u.titel,
            aufbewahrungJahre: u.aufbewahrung_jahre,
            aussonderung: u.aussonderung,
            vertraulichkeit: u.vertraulichkeit,
          })),
        template.id,
      );
      received.push({
        kind: 'aktenplan-template',
        id: template.id,
        label: `${template.name} (${units.length} Einheiten)`,
        ownerTenantId: template.owner_tenant_id,
      });
    }
    await trx
      .insertInto('records_settings')
      .values({
        tenant_id: trx.tenantId,
        aktenzeichen_muster: DEFAULT_AKTENZEICHEN_MUSTER,
        default_kennzeichen: DEFAULT_KENNZEICHEN,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return received;
  },
};

const toUnit = (u: {
  id: string;
  parent_id: string | null;
  kennzeichen: string;
  titel: string;
  aufbewahrung_jahre: number | null;
  aussonderung: 'A' | 'B' | 'V';
  vertraulichkeit: Vertraulichkeit;
  template_id: string | null;
}): AktenplanUnit => ({
  id: u.id,
  parentId: u.parent_id,
  kennzeichen: u.kennzeichen,
  titel: u.titel,
  aufbewahrungJahre: u.aufbewahrung_jahre,
  aussonderung: u.aussonderung,
  vertraulichkeit: u.vertraulichkeit,
  ausVorlage: u.template_id !== null,
});

export function validateUnit(input: Record<string, unknown>, line?: number): UnitInput {
  const at = line ? ` (Zeile ${line})` : '';
  const kennzeichen = String(input.kennzeichen ?? '').trim();
  const titel = String(input.titel ?? '').trim();
  const jahreRaw = input.aufbewahrungJahre;
  const aussonderung = String(input.aussonderung ?? '')
    .trim()
    .toUpperCase();
  const vertraulichkeit = String(input.vertraulichkeit ?? 'offen').trim() || 'offen';
  const fail = (field: string, de: string) =>
    badRequest('aktenplan.invalid_unit', `invalid ${field}${line ? ` in line ${line}` : ''}`, `${de}${at}.`);
  if (!isKennzeichen(kennzeichen))
    throw fail('kennzeichen', `Kennzeichen „${kennzeichen}“ ist ungültig (Beispiel: 01.02.03)`);
  if (titel.length < 1 || titel.length > 300) throw fail('titel', 'Der Titel fehlt oder ist zu lang');
  let aufbewahrungJahre: number | null = null;
  if (jahreRaw !== null && jahreRaw !== undefined && String(jahreRaw).trim() !== '') {
    const text = String(jahreRaw).trim().toLowerCase();
    if (text !== 'dauernd') {
      aufbewahrungJahre = Number(text);
      if (!Number.isInteger(aufbewahrungJahre) || aufbewahrungJahre < 0 || aufbewahrungJahre > 200)
        throw fail('aufbewahrung_jahre', 'Die Aufbewahrungsfrist muss 0–200 Jahre oder „dauernd“ sein');
    }
  }
  if (!(AUSSONDERUNG as readonly string[]).includes(aussonderung))
    throw fail('aussonderung', 'Die Aussonderungsart muss A, B oder V sein');
  if (!(VERTRAULICHKEIT as readonly string[]).includes(vertraulichkeit))
    throw fail('vertraulichkeit', 'Die Vertraulichkeit muss offen, intern oder vertraulich sein');
  return {
    kennzeichen,
    titel,
    aufbewahrungJahre,
    aussonderung: aussonderung as UnitInput['aussonderung'],
    vertraulichkeit: vertraulichkeit as Vertraulichkeit,
  };
}

export function createAktenplanUsecases({ database }: { database: DatabaseHandle }) {
  const requireAdmin = (principal: Principal) => {
    if (!principal.roles.some((r) => r === 'kreis-admin' || r === 'verbund-admin'))
      throw forbidden('requires kreis-admin', 'Den Aktenplan pflegt die Kreis-Administration.');
  };

  return {
    async listUnits(principal: Principal) {
      return database.withTenant(principal.tenantId, async (trx) => {
        const rows = await trx.selectFrom('aktenplan_units').selectAll().execute();
        return rows.map(toUnit).sort((a, b) => compareKennzeichen(a.kennzeichen, b.kennzeichen));
      });
    },

    async getUnit(principal: Principal, id: string) {
      return database.withTenant(principal.tenantId, async (trx) => {
        const row = await trx
          .selectFrom('aktenplan_units')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) throw notFound('aktenplan_unit', 'Die Aktenplaneinheit');
        return toUnit(row);
      });
    },

    async addUnit(principal: Principal, input: Record<string, unknown>) {
      requireAdmin(principal);
      const unit = validateUnit(input);
      return database.withTenant(principal.tenantId, async (trx) => {
        const exists = await trx
          .selectFrom('aktenplan_units')
          .select('id')
          .where('kennzeichen', '=', unit.kennzeichen)
          .executeTakeFirst();
        if (exists)
          throw new AppError({
            code: 'aktenplan.exists',
            status: 409,
            message: `unit ${unit.kennzeichen} exists`,
            messageDe: `Die Einheit ${unit.kennzeichen} gibt es schon.`,
          });
        await upsertUnits(trx, [unit], null);
        const row = await trx
          .selectFrom('aktenplan_units')
          .selectAll()
          .where('kennzeichen', '=', unit.kennzeichen)
          .executeTakeFirstOrThrow();
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'records.aktenplan_unit_added',
          objectType: 'aktenplan_unit',
          objectId: row.id,
          data: { ...unit },
        });
        return toUnit(row);
      });
    },

    /** CSV import: all or nothing; every error names its line. Existing units are updated. */
    async importCsv(principal: Principal, text: string) {
      requireAdmin(principal);
      const rows = parseCsv(text);
      if (rows.length === 0)
        throw badRequest('aktenplan.csv_empty', 'empty CSV', 'Die CSV-Datei enthält keine Zeilen.');
      const header = rows[0]!.map((h) => h.trim().toLowerCase());
      const missing = ['kennzeichen', 'titel', 'aussonderung'].filter((h) => !header.includes(h));
      if (missing.length > 0)
        throw badRequest(
          'aktenplan.csv_header',
          `missing columns: ${missing.join(', ')}`,
          `Es fehlen Spalten: ${missing.join(', ')}. Erwartet: ${AKTENPLAN_CSV_HEADER.join(';')}`,
        );
      const col = (row: string[], name: string) => {
        const i = header.indexOf(name);
        return i >= 0 ? (row[i] ?? '') : undefined;
      };
      const errors: Array<{ zeile: number; fehler: string }> = [];
      const units: UnitInput[] = [];
      rows.slice(1).forEach((row, i) => {
        try {
          units.push(
            validateUnit(
              {
                kennzeichen: col(row, 'kennzeichen'),
                titel: col(row, 'titel'),
                aufbewahrungJahre: col(row, 'aufbewahrung_jahre'),
                aussonderung: col(row, 'aussonderung'),
                vertraulichkeit: col(row, 'vertraulichkeit'),
              },
              i + 2,
            ),
          );
        } catch (error) {
          errors.push({ zeile: i + 2, fehler: (error as AppError).messageDe ?? String(error) });
        }
      });
      const seen = new Set<string>();
      for (const [i, u] of units.entries()) {
        if (seen.has(u.kennzeichen))
          errors.push({ zeile: i + 2, fehler: `Kennzeichen ${u.kennzeichen} doppelt.` });
        seen.add(u.kennzeichen);
      }
      if (errors.length > 0)
        throw badRequest(
          'aktenplan.csv_invalid',
          `${errors.length} invalid rows`,
          `Die CSV-Datei hat ${errors.length} fehlerhafte Zeile(n); nichts wurde übernommen.`,
          errors,
        );
      return database.withTenant(principal.tenantId, async (trx) => {
        const result = await upsertUnits(trx, units, null);
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
      const units = await this.listUnits(principal);
      const lines = [
        AKTENPLAN_CSV_HEADER.join(';'),
        ...units.map((u) =>
          [u.kennzeichen, u.titel, u.aufbewahrungJahre ?? 'dauernd', u.aussonderung, u.vertraulichkeit]
            .map(csvCell)
            .join(';'),
        ),
      ];
      return `\uFEFF${lines.join('\r\n')}\r\n`;
    },

    async getSettings(tenantId: string) {
      return database.withTenant(tenantId, async (trx) => {
        const row = await trx.selectFrom('records_settings').selectAll().executeTakeFirst();
        return {
          aktenzeichenMuster: row?.aktenzeichen_muster ?? DEFAULT_AKTENZEICHEN_MUSTER,
          defaultKennzeichen: row?.default_kennzeichen ?? DEFAULT_KENNZEICHEN,
        };
      });
    },

    async updateSettings(
      principal: Principal,
      input: { aktenzeichenMuster?: string; defaultKennzeichen?: string },
    ) {
      requireAdmin(principal);
      if (input.aktenzeichenMuster !== undefined) validateAktenzeichenMuster(input.aktenzeichenMuster);
      return database.withTenant(principal.tenantId, async (trx) => {
        if (input.defaultKennzeichen !== undefined) {
          const unit = await trx
            .selectFrom('aktenplan_units')
            .select('id')
            .where('kennzeichen', '=', input.defaultKennzeichen)
            .executeTakeFirst();
          if (!unit)
            throw badRequest(
              'aktenplan.unknown_unit',
              `no unit ${input.defaultKennzeichen}`,
              `Die Aktenplaneinheit ${input.defaultKennzeichen} gibt es nicht.`,
            );
        }
        const values = {
          ...(input.aktenzeichenMuster !== undefined
            ? { aktenzeichen_muster: input.aktenzeichenMuster }
            : {}),
          ...(input.defaultKennzeichen !== undefined
            ? { default_kennzeichen: input.defaultKennzeichen }
            : {}),
        };
        await trx
          .insertInto('records_settings')
          .values({ tenant_id: trx.tenantId, ...values })
          .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
          .execute();
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'records.settings_changed',
          objectType: 'records_settings',
          objectId: trx.tenantId,
          data: input,
        });
      });
    },

    async listTemplates() {
      const templates = await database.db.selectFrom('aktenplan_templates').selectAll().execute();
      const counts = await database.db
        .selectFrom('aktenplan_template_units')
        .select(['template_id', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy('template_id')
        .execute();
      return templates.map((t) => ({
        id: t.id,
        name: t.name,
        ownerTenantId: t.owner_tenant_id,
        version: t.version,
        einheiten: Number(counts.find((c) => c.template_id === t.id)?.n ?? 0),
      }));
    },
  };
}

export type AktenplanUsecases = ReturnType<typeof createAktenplanUsecases>;
