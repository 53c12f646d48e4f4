import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { ParserLimits } from '../../../platform/parsers/import-parsers.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import { createXdomeaExportUsecases } from './xdomea-export.usecases.ts';
import { createXdomeaImportUsecases } from './xdomea-import.usecases.ts';

/** xdomea exchange of the E-Akte: export (Abgabe.0401) and import (Abgabe, Aussonderung.0503). */
export const createXdomeaUsecases = (deps: {
  database: DatabaseHandle;
  blobs: BlobStore;
  parserLimits?: ParserLimits;
}) => ({ ...createXdomeaExportUsecases(deps), ...createXdomeaImportUsecases(deps) });

export type XdomeaUsecases = ReturnType<typeof createXdomeaUsecases>;
