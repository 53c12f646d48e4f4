import {
  findPublicGremium,
  type PublicMitgliedRow,
  publicGremien,
  publicMitglieder,
  publicWahlperioden,
} from './gremien.repository.ts';
import { ratsinfoErrors } from './ratsinfo.errors.ts';
import { type InKreis, latest } from './ratsinfo.models.ts';
import { sitzungenDesGremiums } from './sitzungen.repository.ts';

type Wahlperiode = { id: string; name: string; beginn: string; ende: string | null };

/** The term shown by default: the one running today, else the newest. */
export function currentWahlperiode<W extends Wahlperiode>(perioden: W[], today: string): W | undefined {
  return perioden.find((w) => w.beginn <= today && (w.ende === null || w.ende >= today)) ?? perioden[0];
}

/**
 * The seats of a term grouped by Fraktion: seats recorded for that term, and seats without a term
 * that overlap its dates. Without any term, all seats.
 */
export function fraktionenOf(mitglieder: PublicMitgliedRow[], periode: Wahlperiode | undefined) {
  const inPeriode = mitglieder.filter((m) =>
    !periode
      ? true
      : m.wahlperiode_id === periode.id ||
        (m.wahlperiode_id === null &&
          m.von <= (periode.ende ?? '9999-12-31') &&
          (m.bis === null || m.bis >= periode.beginn)),
  );
  const groups = new Map<string, PublicMitgliedRow[]>();
  for (const m of inPeriode) {
    const key = m.fraktion ?? '';
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups].map(([fraktion, list]) => ({ fraktion: fraktion || null, mitglieder: list }));
}

/** The public reads of Gremien: the list, one Gremium with its members and sessions, its iCal feed. */
export function createGremiumUsecases({
  inKreis,
  uuidOr,
}: {
  inKreis: InKreis;
  uuidOr: (id: string, error: () => Error) => string;
}) {
  return {
    gremien: ({ kreis }: { kreis: string }) =>
      inKreis(kreis, async (trx, k) => {
        const gremien = await publicGremien(trx);
        return { kreis: k, gremien, stand: latest(gremien.map((g) => g.updated_at)) };
      }),

    gremium: ({ kreis, id, wahlperiode }: { kreis: string; id: string; wahlperiode?: string }) =>
      inKreis(kreis, async (trx, k) => {
        const gremium = await findPublicGremium(trx, uuidOr(id, ratsinfoErrors.gremiumNotFound));
        if (!gremium) throw ratsinfoErrors.gremiumNotFound();
        const [perioden, mitglieder, sitzungen] = await Promise.all([
          publicWahlperioden(trx),
          publicMitglieder(trx, gremium.id),
          sitzungenDesGremiums(trx, gremium.id, { limit: 12 }),
        ]);
        const today = new Date().toISOString().slice(0, 10);
        const periode = perioden.find((w) => w.id === wahlperiode) ?? currentWahlperiode(perioden, today);
        return {
          kreis: k,
          gremium,
          perioden,
          periode,
          fraktionen: fraktionenOf(mitglieder, periode),
          sitzungen,
          stand: latest([
            gremium.updated_at,
            ...perioden.map((w) => w.updated_at),
            ...mitglieder.map((m) => m.changed),
            ...sitzungen.map((s) => s.updated_at),
          ]),
        };
      }),

    /** The sessions of a Gremium for its iCal feed (the latest 2,000). */
    feed: ({ kreis, id }: { kreis: string; id: string }) =>
      inKreis(kreis, async (trx, k) => {
        const gremium = await findPublicGremium(trx, uuidOr(id, ratsinfoErrors.gremiumNotFound));
        if (!gremium) throw ratsinfoErrors.gremiumNotFound();
        const sitzungen = await sitzungenDesGremiums(trx, gremium.id, { limit: 2000 });
        return {
          kreis: k,
          gremium,
          sitzungen,
          stand: latest([gremium.updated_at, ...sitzungen.map((s) => s.updated_at)]),
        };
      }),
  };
}
