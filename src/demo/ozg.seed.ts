import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { FormDefinition, ImportWarning } from '../modules/ozg/formulare/form.models.ts';
import { type CodeList, parseGenericode } from '../modules/ozg/formulare/genericode.ts';
import { importXdatenfelder } from '../modules/ozg/formulare/xdatenfelder.ts';
import { validateXdf } from '../modules/ozg/formulare/xsd.ts';
import { activateInTrx } from '../modules/ozg/leistungen/aktivierungen.usecases.ts';
import { type LeistungRow, toLeistung } from '../modules/ozg/leistungen/leistungen.repository.ts';
import type { DatabaseHandle, Trx } from '../platform/database/database.ts';
import { MEMBER_MUNICIPALITIES, STANDARD_CATALOG } from './ozg.catalog.ts';

/** The real FIM schema shipped with the standards (not copied into this repository). */
export async function loadFimExample(xsdDir: string, fimId: string) {
  const dir = path.join(xsdDir, 'examples', 'bewohnerparken');
  if (fimId !== 'S05000058' || !existsSync(dir)) return null;
  const lists = new Map<string, CodeList>();
  for (const file of readdirSync(dir).filter((f) => /^C\d+_genericode\.xml$/.test(f))) {
    const list = parseGenericode(readFileSync(path.join(dir, file)), file);
    for (const key of list.keys) lists.set(key, list);
  }
  const bytes = readFileSync(path.join(dir, 'S05000058V1.0_xdf2.xml'));
  const { definition, warnings } = importXdatenfelder(bytes, lists);
  const xsd = await validateXdf(bytes, '2.0', xsdDir).catch(() => null);
  if (!xsd)
    warnings.push({ code: 'xsd.unavailable', message: 'Beim Einrichten nicht gegen das XSD geprüft.' });
  else warnings.push(...xsd.messages);
  return { definition, warnings, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function insertForm(
  trx: Trx,
  owner: string,
  definition: FormDefinition,
  warnings: ImportWarning[],
  sha256: string,
) {
  await sql`insert into formulare (id, name, owner_tenant_id) values (${definition.id}, ${definition.title}, ${owner})
    on conflict (id) do nothing`.execute(trx);
  await sql`insert into formular_versionen (formular_id, version, fim_version, xdf_version, definition, warnings,
      source_sha256, imported_by)
    select ${definition.id}, 1, ${definition.version}, ${definition.xdfVersion}, ${JSON.stringify(definition)}::jsonb,
      ${JSON.stringify(warnings)}::jsonb, ${sha256}, 'system:seed'
    where not exists (select 1 from formular_versionen where formular_id = ${definition.id})`.execute(trx);
}

/**
 * The Verbund's service catalogue: municipalities, forms and the standard services, then their
 * activation for every member that lacks it. Idempotent; runs on every start with demo data.
 */
export async function seedServices({ database, xsdDir }: { database: DatabaseHandle; xsdDir: string }) {
  const tenants = await database.db.selectFrom('tenants').select(['id']).execute();
  const ids = new Set(tenants.map((t) => t.id));
  let leistungen = 0;
  await database.db.transaction().execute(async (trx) => {
    for (const g of MEMBER_MUNICIPALITIES)
      await sql`insert into gemeinden (ags, name, plz, verifiziert, quelle)
        values (${g.ags}, ${g.name}, ${g.plz}::text[], ${g.verifiziert}, ${g.verifiziert ? 'Verbund (geprüft)' : 'Verbund (ungeprüft)'})
        on conflict (ags) do nothing`.execute(trx);
    for (const entry of STANDARD_CATALOG) {
      if (!ids.has(entry.owner)) continue;
      let formularId: string | null = null;
      if ('definition' in entry.form) {
        const definition = entry.form.definition;
        const sha = createHash('sha256').update(JSON.stringify(definition)).digest('hex');
        await insertForm(trx, entry.owner, definition, [], sha);
        formularId = definition.id;
      } else {
        const fim = await loadFimExample(xsdDir, entry.form.fim);
        if (fim) {
          await insertForm(trx, entry.owner, fim.definition, fim.warnings, fim.sha256);
          formularId = fim.definition.id;
        }
      }
      const { rows } = await sql<{ id: string }>`
        insert into leistungen (id, leika, leika_platzhalter, name, texte, reifegrad, owner_tenant_id, formular_id,
          kennzeichen_vorschlag, standard_oe, suchbegriffe)
        values (${entry.id}, ${entry.leika}, ${entry.leikaPlatzhalter}, ${entry.name}, ${JSON.stringify(entry.texte)}::jsonb,
          ${entry.reifegrad}, ${entry.owner}, ${formularId}, ${entry.kennzeichen}, ${entry.oe}, ${entry.suchbegriffe})
        on conflict (id) do nothing returning id`.execute(trx);
      leistungen += rows.length;
    }
  });
  // Activation per member in its own tenant transaction (RLS).
  let activated = 0;
  const { rows } = await sql<LeistungRow>`
    select l.*, t.name as owner_name from leistungen l join tenants t on t.id = l.owner_tenant_id where l.standard`.execute(
    database.db,
  );
  for (const tenant of tenants)
    await database.withTenant(tenant.id, async (trx) => {
      const have = new Set(
        (
          await sql<{ leistung_id: string }>`select leistung_id from leistung_aktivierungen`.execute(trx)
        ).rows.map((r) => r.leistung_id),
      );
      for (const row of rows) {
        if (have.has(row.id)) continue;
        await activateInTrx(trx, { ...toLeistung(row), oe: row.standard_oe ?? null }, 'system:seed');
        activated++;
      }
    });
  return { leistungen, activated };
}
