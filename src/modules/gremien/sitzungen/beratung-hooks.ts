import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';

/**
 * What another module learns when a Beratung of a Vorlage is recorded, inside the county's own
 * transaction (the Verbund's amendment process follows its Vorlagen this way). The composition root
 * hands the hooks in, so the council module never imports the module that listens.
 */
export type BeratungErfasst = {
  trx: TenantTrx;
  vorlageId: string;
  drucksachenNr: string;
  beschlussvorschlag: string | null;
  ergebnis: string;
  beschlussNr: string | null;
  /** The day of the session (Europe/Berlin), YYYY-MM-DD. */
  sitzungstag: string;
  actor: string;
};
export type BeratungHook = (event: BeratungErfasst) => Promise<void>;

/** The Vorlage behind an agenda item and the day of its session; null for an item without a Vorlage. */
export async function vorlageDesTops(trx: TenantTrx, topId: string) {
  const { rows } = await sql<{
    vorlage_id: string;
    drucksachen_nr: string;
    beschlussvorschlag: string | null;
    sitzungstag: string;
  }>`select v.id as vorlage_id, v.drucksachen_nr, v.beschlussvorschlag,
       to_char(s.beginn at time zone 'Europe/Berlin', 'YYYY-MM-DD') as sitzungstag
     from tagesordnungspunkte t join sitzungen s on s.id = t.sitzung_id join vorlagen v on v.id = t.vorlage_id
     where t.id = ${topId}::uuid`.execute(trx);
  return rows[0] ?? null;
}

/** Tells every hook about a recorded Beratung of a Vorlage (nothing for an item without one). */
export async function announceBeratung(
  hooks: readonly BeratungHook[],
  args: { trx: TenantTrx; topId: string; ergebnis: string; beschlussNr: string | null; actor: string },
) {
  if (hooks.length === 0) return;
  const vorlage = await vorlageDesTops(args.trx, args.topId);
  if (!vorlage) return;
  for (const hook of hooks)
    await hook({
      trx: args.trx,
      vorlageId: vorlage.vorlage_id,
      drucksachenNr: vorlage.drucksachen_nr,
      beschlussvorschlag: vorlage.beschlussvorschlag,
      ergebnis: args.ergebnis,
      beschlussNr: args.beschlussNr,
      sitzungstag: vorlage.sitzungstag,
      actor: args.actor,
    });
}
