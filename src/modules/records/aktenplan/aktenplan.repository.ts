import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import type { Vertraulichkeit } from '../../../platform/database/database.types.ts';
import { parentMissing } from './aktenplan.errors.ts';
import { type AktenplanUnit, byKennzeichen, parentKennzeichen, type UnitInput } from './aktenplan.models.ts';
import {
  readStandardTemplateUnits,
  STANDARD_TEMPLATE_ID,
  STANDARD_TEMPLATE_NAME,
} from './aktenplan.template.ts';

type UnitRow = {
  id: string;
  parent_id: string | null;
  kennzeichen: string;
  titel: string;
  aufbewahrung_jahre: number | null;
  aussonderung: 'A' | 'B' | 'V';
  vertraulichkeit: Vertraulichkeit;
  template_id: string | null;
};

type UnitColumns = Pick<
  UnitRow,
  'kennzeichen' | 'titel' | 'aufbewahrung_jahre' | 'aussonderung' | 'vertraulichkeit'
>;

const toUnitInput = (u: UnitColumns): UnitInput => ({
  kennzeichen: u.kennzeichen,
  titel: u.titel,
  aufbewahrungJahre: u.aufbewahrung_jahre,
  aussonderung: u.aussonderung,
  vertraulichkeit: u.vertraulichkeit,
});

/** The columns of a unit besides its Kennzeichen (county units and template units alike). */
const unitColumns = (u: UnitInput) => ({
  titel: u.titel,
  aufbewahrung_jahre: u.aufbewahrungJahre,
  aussonderung: u.aussonderung,
  vertraulichkeit: u.vertraulichkeit,
});

const toUnit = (u: UnitRow): AktenplanUnit => ({
  id: u.id,
  parentId: u.parent_id,
  ...toUnitInput(u),
  ausVorlage: u.template_id !== null,
});

/** Makes sure the Verbund's standard template exists (idempotent; units from aktenplan.template.csv). */
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
      (await readStandardTemplateUnits()).map((u) => ({
        template_id: STANDARD_TEMPLATE_ID,
        kennzeichen: u.kennzeichen,
        ...unitColumns(u),
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The Verbund's templates with their units as unit inputs. */
export async function listTemplatesWithUnits(trx: TenantTrx) {
  const templates = await trx.selectFrom('aktenplan_templates').selectAll().execute();
  const result = [];
  for (const template of templates) {
    const units = await trx
      .selectFrom('aktenplan_template_units')
      .selectAll()
      .where('template_id', '=', template.id)
      .execute();
    result.push({
      template,
      units: units.map(toUnitInput),
    });
  }
  return result;
}

/** The templates with their unit counts (Verbund-level content, no tenant scope). */
export async function listTemplateSummaries(db: DatabaseHandle['db']) {
  const templates = await db.selectFrom('aktenplan_templates').selectAll().execute();
  const counts = await db
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
}

export async function listKennzeichen(trx: TenantTrx) {
  return (await trx.selectFrom('aktenplan_units').select('kennzeichen').execute()).map((u) => u.kennzeichen);
}

/** Inserts units in Kennzeichen order so every parent exists before its children; updates existing ones. */
export async function upsertUnits(
  trx: TenantTrx,
  { units, templateId = null }: { units: UnitInput[]; templateId?: string | null },
) {
  const existing = new Map(
    (await trx.selectFrom('aktenplan_units').select(['id', 'kennzeichen']).execute()).map((u) => [
      u.kennzeichen,
      u.id,
    ]),
  );
  let added = 0;
  let updated = 0;
  for (const unit of byKennzeichen(units)) {
    const parent = parentKennzeichen(unit.kennzeichen);
    const parentId = parent ? existing.get(parent) : null;
    if (parent && !parentId) throw parentMissing(unit.kennzeichen, parent);
    const values = unitColumns(unit);
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

export async function listUnits(trx: TenantTrx) {
  return byKennzeichen((await trx.selectFrom('aktenplan_units').selectAll().execute()).map(toUnit));
}

export async function findUnit(trx: TenantTrx, id: string) {
  const row = await trx.selectFrom('aktenplan_units').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUnit(row) : undefined;
}

export async function findUnitByKennzeichen(trx: TenantTrx, kennzeichen: string) {
  const row = await trx
    .selectFrom('aktenplan_units')
    .selectAll()
    .where('kennzeichen', '=', kennzeichen)
    .executeTakeFirst();
  return row ? toUnit(row) : undefined;
}

/** The county's Aktenzeichen settings row, if it has one. */
export async function findSettings(trx: TenantTrx) {
  return trx.selectFrom('records_settings').selectAll().executeTakeFirst();
}

/** The county's default Aktenplan unit, if it has settings. */
export async function findDefaultKennzeichen(trx: TenantTrx) {
  return (await findSettings(trx))?.default_kennzeichen;
}

export async function upsertSettings(
  trx: TenantTrx,
  values: { aktenzeichen_muster?: string; default_kennzeichen?: string },
) {
  await trx
    .insertInto('records_settings')
    .values({ tenant_id: trx.tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
}

/** Default settings for a joining county; a county that has settings keeps them. */
export async function insertDefaultSettings(
  trx: TenantTrx,
  values: { aktenzeichen_muster: string; default_kennzeichen: string },
) {
  await trx
    .insertInto('records_settings')
    .values({ tenant_id: trx.tenantId, ...values })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
