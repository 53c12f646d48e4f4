import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';

/** A file uploaded into a draft: stored at once, referenced by its number from the data. */
export type DraftFile = { nr: number; fileName: string; sha256: string; size: number; sha512: string };

type EntwurfRow = {
  leistung_id: string;
  formular_version_id: string | null;
  gemeinde_ags: string;
  gemeinde_name: string;
  tenant_name: string;
  daten: Record<string, unknown>;
  anlagen: DraftFile[];
};

export async function insertEntwurf(
  trx: TenantTrx,
  input: { leistungId: string; formularVersionId: string | null; ags: string },
) {
  const { rows } = await sql<{ id: string }>`
    insert into antrag_entwuerfe (tenant_id, leistung_id, formular_version_id, gemeinde_ags)
    values (${trx.tenantId}, ${input.leistungId}, ${input.formularVersionId}::uuid, ${input.ags}) returning id`.execute(
    trx,
  );
  return rows[0]!.id;
}

/** A draft that has not expired, with the names of its municipality and county. */
export async function loadEntwurf(trx: TenantTrx, id: string) {
  const { rows } = await sql<EntwurfRow>`
    select e.*, g.name as gemeinde_name, t.name as tenant_name from antrag_entwuerfe e
    join gemeinden g on g.ags = e.gemeinde_ags join tenants t on t.id = e.tenant_id
    where e.id = ${id}::uuid and e.expires_at > now()`.execute(trx);
  return rows[0];
}

/** Stores the data and files of a draft; it lives two more days. */
export async function saveEntwurf(
  trx: TenantTrx,
  input: { id: string; daten: Record<string, unknown>; anlagen: DraftFile[] },
) {
  await sql`update antrag_entwuerfe set daten = ${JSON.stringify(input.daten)}::jsonb, anlagen = ${JSON.stringify(input.anlagen)}::jsonb,
    expires_at = now() + interval '2 days' where id = ${input.id}::uuid`.execute(trx);
}

export async function deleteEntwurf(trx: TenantTrx, id: string) {
  await sql`delete from antrag_entwuerfe where id = ${id}::uuid`.execute(trx);
}
