import type { Principal } from '../../../platform/http/principal.ts';
import { forbidden } from '../../../shared/errors.ts';
import type { PosteingangPagesDeps } from './posteingang-ui.deps.ts';
import type { EingangView } from './uebersicht.page.tsx';
import { type Kanal, listEingaenge } from './uebersicht.repository.ts';

/** The pages of the Posteingang are the Kreis-Administration's, like the API they show. */
export function requireIntakeAdmin(principal: Principal) {
  if (!principal.roles.some((r) => r === 'kreis-admin' || r === 'verbund-admin'))
    throw forbidden('intake pages need kreis-admin', 'Den Posteingang verwaltet die Kreis-Administration.');
}

/**
 * The newest intake of the principal's county. An upload is named by its title only when the
 * E-Akte lets the principal see the document (a confidential title stays hidden).
 */
export async function loadUebersicht(
  { database, records }: Pick<PosteingangPagesDeps, 'database' | 'records'>,
  { principal, kanal, limit, offset }: { principal: Principal; kanal?: Kanal; limit: number; offset: number },
) {
  requireIntakeAdmin(principal);
  const page = await database.withTenant(principal.tenantId, (trx) =>
    listEingaenge(trx, { kanal, limit, offset }),
  );
  const items: EingangView[] = await Promise.all(
    page.items.map(async (row) => {
      if (row.kanal !== 'upload' || !row.dokumentId) return { ...row, titel: null };
      const dokument = await records.dokumente.get(principal, row.dokumentId).catch(() => null);
      return dokument
        ? { ...row, titel: dokument.titel }
        : { ...row, dokumentId: null, titel: 'Dokument (für Sie nicht sichtbar)' };
    }),
  );
  return { items, more: page.more };
}
