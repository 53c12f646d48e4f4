import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';

/**
 * Moves a document into a Vorgang: Vorgang, Akte and Aktenplan unit of the document follow the
 * target in one statement, and only while the target Akte is open (a concurrent z.d.A. wins: no row).
 * The document's own Vertraulichkeit stays. The Ablage learner's trigger (migration 0064) notes
 * the change of Vorgang, Akte and unit and unlearns the old classes on its next pass.
 */
export async function moveDokumentRow(trx: TenantTrx, { id, vorgangId }: { id: string; vorgangId: string }) {
  const { rows } = await sql<{ id: string }>`update dokumente d
    set vorgang_id = v.id, akte_id = v.akte_id, unit_id = a.unit_id, updated_at = now()
    from vorgaenge v join akten a on a.id = v.akte_id
    where v.id = ${vorgangId}::uuid and d.id = ${id}::uuid and a.status <> 'zda'
    returning d.id`.execute(trx);
  return rows.length === 1;
}
