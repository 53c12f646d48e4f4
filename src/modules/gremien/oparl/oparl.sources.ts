import type { RawBuilder } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import type { OparlUrls } from './oparl.models.ts';
import type { StampedRow } from './oparl.repository.ts';

export type OparlObject = Record<string, unknown> & { id: string; type: string };

/** What rendering needs: the tenant transaction of the Body, its URLs, and the client's wishes. */
export type RenderContext = {
  trx: TenantTrx;
  urls: OparlUrls;
  bodyId: string;
  /** `omit_internal`: leave embedded objects out (they have their own lists since OParl 1.1). */
  omitInternal: boolean;
  blobs: BlobStore;
};

/** One OParl object type: its base query (id, created, modified, deleted …) and how rows become objects. */
export type Source<R extends StampedRow = StampedRow> = {
  base: RawBuilder<unknown>;
  render(rows: R[], ctx: RenderContext): Promise<OparlObject[]>;
};

export const defineSource = <R extends StampedRow>(source: Source<R>) => source as unknown as Source;

/** Groups rows by a parent key, keeping their order. */
export function groupBy<T>(rows: T[], key: (row: T) => string) {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  return groups;
}
