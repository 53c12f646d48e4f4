import type { SearchFacets } from '../search/search.module.ts';
import type { AktenplanUsecases } from './aktenplan/aktenplan.usecases.ts';
import { DOKUMENT_ARTEN, dokumentArtLabels } from './records.models.ts';
import { VORGANG_STATUS, vorgangStatusLabels } from './vorgaenge/vorgaenge.models.ts';

/** The E-Akte's vocabulary for search's filters (search does not import records; see SearchFacets). */
export const createSearchFacets = (records: {
  aktenplan: Pick<AktenplanUsecases, 'listUnits'>;
}): SearchFacets => ({
  dokumentArten: DOKUMENT_ARTEN,
  dokumentArtLabels,
  vorgangStatus: VORGANG_STATUS,
  vorgangStatusLabels,
  aktenplanUnits: (principal) => records.aktenplan.listUnits(principal),
});
