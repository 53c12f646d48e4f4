import { sql } from 'kysely';
import type { Db } from '../../../platform/database/database.ts';

export type AggregatStand = { bis: string; aufgefrischtAm: string; dauerMs: number; antraege: number };

/** The pre-aggregated figures of migration 0046: their refresh and how fresh they are. */
export const aggregatRepository = {
  /**
   * Recomputes the aggregates up to `lagSekunden` before now (rows of transactions still open at
   * that moment are counted at the next refresh, the lag keeps that case out of normal operation).
   */
  auffrischen: async (db: Db, { lagSekunden }: { lagSekunden: number }) => {
    const { rows } = await sql<{ bis: Date; antraege: string; dauer_ms: number }>`
      select * from steuerung_aggregate_auffrischen(now() - make_interval(secs => ${lagSekunden}))`.execute(
      db,
    );
    const r = rows[0]!;
    return { bis: r.bis.toISOString(), antraege: Number(r.antraege), dauerMs: r.dauer_ms };
  },

  /** Empties the aggregates: every figure function then counts all rows directly (tests, comparisons). */
  verwerfen: async (db: Db) => {
    await sql`select * from steuerung_aggregate_auffrischen('-infinity')`.execute(db);
  },

  stand: async (db: Db): Promise<AggregatStand | null> => {
    const { rows } = await sql<{ bis: Date; aufgefrischt_am: Date; dauer_ms: number; antraege: string }>`
      select bis, aufgefrischt_am, dauer_ms, antraege from steuerung_aggregat_stand
      where bis > '-infinity'::timestamptz`.execute(db);
    const r = rows[0];
    return r
      ? {
          bis: r.bis.toISOString(),
          aufgefrischtAm: r.aufgefrischt_am.toISOString(),
          dauerMs: r.dauer_ms,
          antraege: Number(r.antraege),
        }
      : null;
  },

  /** The areas of the figures that are sample data (demo), with the note pages show. */
  beispieldaten: async (db: Db) =>
    (
      await sql<{ bereich: string; hinweis: string }>`
        select bereich, hinweis from steuerung_beispieldaten order by bereich`.execute(db)
    ).rows,
};
