import type { TenantTrx } from '../../../platform/database/database.ts';

/**
 * What the state changes of Sitzungen and Vorlagen need of the filing of their documents
 * (ablegen.usecases.ts), given by the module: called in the state change's own transaction.
 */
export type GremienAblage = {
  /** Einladung from the invitation on, Niederschrift once held (or only the named one). */
  sitzungAblegen(
    trx: TenantTrx,
    input: { sitzungId: string; actor: string; nur?: 'einladung' | 'niederschrift' },
  ): Promise<unknown>;
  /** The Drucksache of a published Vorlage. */
  drucksacheAblegen(trx: TenantTrx, input: { vorlageId: string; actor: string }): Promise<unknown>;
};
