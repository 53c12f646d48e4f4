import { sql } from 'kysely';
import type { MetadataField } from '../../../platform/database/database.types.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { badRequest } from '../../../shared/errors.ts';
import { suggestMetadata } from './metadaten.models.ts';
import type { MetadatenDeps } from './metadaten.routes.ts';
import type { ConfirmInput } from './metadaten.schemas.ts';

/**
 * Metadata from the text as the API and the document page use it: the suggestions of a visible
 * document (with their positions), and the confirmation of what the user accepts — written through
 * the E-Akte's change of the document (checked, audited).
 */
export function createMetadatenUsecases(deps: MetadatenDeps) {
  return {
    async suggestions(principal: Principal, id: string) {
      const dokument = await deps.dokumente.get(principal, id);
      const { text } = await deps.dokumente.text(principal, id);
      const { aktenzeichenMuster } = await deps.aktenplan.getSettings(principal.tenantId);
      const rows = await sql<{
        kreisschluessel: string;
      }>`select kreisschluessel from tenants where id = ${principal.tenantId}`.execute(deps.database.db);
      const found = suggestMetadata({
        text: text ?? '',
        aktenzeichenMuster,
        kreisschluessel: rows.rows[0]?.kreisschluessel,
      });
      return { dokumentId: dokument.id, version: dokument.version, ...found };
    },

    /** Writes what the user confirmed; confirmed values replace earlier ones of the same name. */
    async confirm(principal: Principal, id: string, input: ConfirmInput) {
      const dokument = await deps.dokumente.get(principal, id);
      const added: MetadataField[] = (input.felder ?? []).map((feld) => {
        if (feld.name === 'Datum' && !/^\d{4}-\d{2}-\d{2}$/.test(feld.wert))
          throw badRequest(
            'metadaten.datum',
            'Datum must be yyyy-mm-dd',
            'Ein Datum bitte im Format JJJJ-MM-TT.',
          );
        return { name: feld.name, typ: feld.name === 'Datum' ? 'datum' : 'text', wert: feld.wert };
      });
      const names = new Set(added.map((field) => field.name));
      const metadaten = [...dokument.metadaten.filter((field) => !names.has(field.name)), ...added];
      await deps.dokumente.update(principal, id, {
        ...(input.datum ? { datum: input.datum } : {}),
        ...(input.absender ? { absender: input.absender } : {}),
        ...(added.length > 0 ? { metadaten } : {}),
      });
      return { dokumentId: id, version: dokument.version };
    },
  };
}

export type MetadatenUsecases = ReturnType<typeof createMetadatenUsecases>;
