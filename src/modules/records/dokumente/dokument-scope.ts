import type { DokumentScopeOf } from '../../search/search.module.ts';
import { VERTRAULICHKEIT } from '../records.models.ts';
import { dokumentVisible, dokumentVisibleParts, viewerOf, vorgangVisible } from '../viewer/viewer.ts';

/**
 * The viewer rule as search asks for it: with full clearance (Leitung, administration) every
 * document of the county is visible; otherwise the documents dokumentVisible lets through (and
 * the Vorgänge vorgangVisible does: a document is visible only in a visible Vorgang; there it is
 * when `cleared` or its Vorgang `privileged`, dokumentVisibleParts).
 */
export const dokumentScope: DokumentScopeOf = async (trx, principal) => {
  const viewer = await viewerOf(trx, principal);
  return {
    seesAll: viewer.clearance.length === VERTRAULICHKEIT.length,
    visible: dokumentVisible(viewer),
    vorgangVisible: vorgangVisible(viewer),
    ...dokumentVisibleParts(viewer),
  };
};
