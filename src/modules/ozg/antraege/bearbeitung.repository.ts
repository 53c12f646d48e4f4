import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';

// The writes of case work and Nachreichung (the Antrag itself is written by the submission).

export async function kontaktEmail(trx: TenantTrx, antragId: string) {
  const { rows } = await sql<{
    kontakt_email: string | null;
  }>`select kontakt_email from antraege where id = ${antragId}::uuid`.execute(trx);
  return rows[0]?.kontakt_email ?? null;
}

/** Moves the Antrag's Vorgang to `status`. */
export async function setVorgangStatus(trx: TenantTrx, vorgangId: string, status: string) {
  await sql`update vorgaenge set status = ${status}, updated_at = now() where id = ${vorgangId}::uuid`.execute(
    trx,
  );
}

/** Marks a document of the Vorgang as the outgoing Bescheid; its id, or null if it is not in this Vorgang. */
export async function markBescheid(trx: TenantTrx, vorgangId: string, dokumentId: string) {
  const { rows } = await sql<{
    id: string;
  }>`select id from dokumente where id = ${dokumentId}::uuid and vorgang_id = ${vorgangId}::uuid`.execute(
    trx,
  );
  if (!rows[0]) return null;
  await sql`update dokumente set art = 'ausgang' where id = ${rows[0].id}::uuid`.execute(trx);
  return rows[0].id;
}

/** Closes the open Nachforderung of an Antrag (answered or superseded). */
export async function closeNachforderung(trx: TenantTrx, antragId: string) {
  await sql`update antrag_nachrichten set offen = false where antrag_id = ${antragId}::uuid and art = 'nachforderung'`.execute(
    trx,
  );
}

/** A message in the citizen's history of the Antrag. */
export async function insertNachricht(
  trx: TenantTrx,
  input: {
    antragId: string;
    art: string;
    text: string;
    actor: string;
    dokumentId?: string | null;
    offen?: boolean;
  },
) {
  await sql`insert into antrag_nachrichten (tenant_id, antrag_id, art, text, dokument_id, offen, created_by)
    values (${trx.tenantId}, ${input.antragId}::uuid, ${input.art}, ${input.text}, ${input.dokumentId ?? null}::uuid,
      ${input.offen ?? false}, ${input.actor})`.execute(trx);
}

/** An attachment handed in later (Nachreichung), filed as document `dokumentId`. */
export async function insertAnlage(
  trx: TenantTrx,
  input: {
    antragId: string;
    nr: number;
    dateiname: string;
    mime: string;
    groesse: number;
    sha256: string;
    sha512: string;
    dokumentId: string;
  },
) {
  await sql`insert into antrag_anlagen (tenant_id, antrag_id, nr, zweck, dateiname, mime, groesse, sha256, sha512, dokument_id)
    values (${trx.tenantId}, ${input.antragId}::uuid, ${input.nr}, 'attachment', ${input.dateiname}, ${input.mime},
      ${input.groesse}, ${input.sha256}, ${input.sha512}, ${input.dokumentId}::uuid)`.execute(trx);
}
