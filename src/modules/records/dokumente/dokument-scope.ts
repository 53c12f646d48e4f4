import type { DokumentScopeOf } from '../../search/search.module.ts';
import { VERTRAULICHKEIT } from '../records.models.ts';
import { dokumentVisible, viewerOf } from '../viewer/viewer.ts';

/**
 * The viewer rule as search asks for it: with full clearance (Leitung, administration) every
 * document of the county is visible; otherwise the documents dokumentVisible lets through.
 */
export const dokumentScope: DokumentScopeOf = async (trx, principal) => {
  const viewer = await viewerOf(trx, principal);
  return { seesAll: viewer.clearance.length === VERTRAULICHKEIT.length, visible: dokumentVisible(viewer) };
};
