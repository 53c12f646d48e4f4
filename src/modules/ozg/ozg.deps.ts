import type { BlobStore } from '../blobs/blobs.module.ts';
import type { RecordsModule } from '../records/records.module.ts';
import type { VerbundUsecases } from '../verbund/verbund.module.ts';
import type { AntraegeUsecases } from './antraege/antraege.usecases.ts';
import type { EntwuerfeUsecases } from './antraege/entwuerfe.usecases.ts';
import type { FormulareUsecases } from './formulare/formulare.usecases.ts';
import type { LeistungenUsecases } from './leistungen/leistungen.usecases.ts';

/** The OZG use-cases the routes and pages call (what createOzgModule returns). */
export type OzgUsecases = {
  leistungen: LeistungenUsecases;
  formulare: FormulareUsecases;
  antraege: AntraegeUsecases;
  drafts: EntwuerfeUsecases;
};

/** What the API handlers use, given by the composition root. */
export type OzgDeps = { ozg: OzgUsecases };

/** What the citizen portal uses. */
export type PortalDeps = { blobs: BlobStore; ozg: OzgUsecases };

/** What the staff pages use. */
export type StaffDeps = { ozg: OzgUsecases; records: RecordsModule; verbund: VerbundUsecases };
