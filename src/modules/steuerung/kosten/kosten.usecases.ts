import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { AppError } from '../../../shared/errors.ts';
import { steuerungErrors } from '../steuerung.errors.ts';
import { leseVerbundzahlen } from '../verbundzahlen.ts';
import { type Beteiligter, beitrittSimulieren } from './beitritt.models.ts';
import { kostenRepository as repo } from './kosten.repository.ts';
import {
  AnteilFehlt,
  EinwohnerFehlen,
  type Kennzahlen,
  type SchluesselArt,
  schluesselFuer,
} from './schluessel.models.ts';
import { jahresverteilung, type SchluesselVersion } from './verteilung.models.ts';

const isoTag = (d: Date) => d.toISOString().slice(0, 10);
const tageZurueck = (iso: string, tage: number) =>
  isoTag(new Date(Date.parse(`${iso}T00:00:00Z`) - tage * 86_400_000));

/** Whether the membership lasts on the day (joined on or before it, not left by then). */
const mitgliedAm = (m: { mitglied_seit: string; mitglied_bis: string | null }, tag: string) =>
  m.mitglied_seit <= tag && (m.mitglied_bis === null || m.mitglied_bis > tag);

/** Turns a model error about a missing figure into the German error naming the county. */
function mitEinwohnerFehler<T>(namen: string[], work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof EinwohnerFehlen) throw steuerungErrors.einwohnerFehlen(namen[error.index] ?? '?');
    if (error instanceof AnteilFehlt) throw steuerungErrors.anteilFehlt(namen[error.index] ?? '?');
    throw error;
  }
}

/** A cross-county read: who reads, the period (dates inclusive) and why (in the audit event). */
type Abruf = { principal: Principal; von: string; bis: string; zweck: string };

export function createKostenUsecases({ database }: { database: DatabaseHandle }) {
  const { db } = database;

  /** Usage of every county in the period, read through the audited function in the caller's chain. */
  const nutzung = ({ principal, von, bis, zweck }: Abruf) =>
    leseVerbundzahlen({
      database,
      principal,
      funktion: 'steuerung_nutzung_verbund',
      daten: { von, bis, zweck },
      lesen: async (trx) =>
        new Map((await repo.nutzungVerbund(trx, { von, bis })).map((r) => [r.tenant_id, r])),
    });

  /** Population as of `bis` (else the latest figure) and usage in [von, bis] of every county. */
  async function kennzahlen({ principal, von, bis, zweck }: Abruf) {
    const [einwohnerBis, einwohnerAlle, nutzen] = await Promise.all([
      repo.listEinwohner(db, bis),
      repo.listEinwohner(db, null),
      nutzung({ principal, von, bis, zweck }),
    ]);
    const einwohner = new Map([...einwohnerAlle, ...einwohnerBis].map((e) => [e.kreisschluessel, e]));
    return (tenantId: string | null, kreisschluessel: string): Kennzahlen => {
      const n = tenantId ? nutzen.get(tenantId) : undefined;
      return {
        einwohner: einwohner.get(kreisschluessel)?.einwohner ?? null,
        antraege: n?.antraege ?? 0,
        dokumente: n?.dokumente ?? 0,
        benutzer: n?.benutzer ?? 0,
      };
    };
  }
  const letztesJahrBis = (bis: string, zweck: string, principal: Principal) =>
    kennzahlen({ principal, von: tageZurueck(bis, 364), bis, zweck });

  /**
   * What a join simulation rests on, read once for every key: the members before the join, the
   * joining county and the usage of the 365 days before (one audited read of every county's usage).
   */
  async function beitrittVorbereiten({
    principal,
    kreisschluessel,
    name,
    heute,
  }: {
    principal: Principal;
    kreisschluessel: string;
    name?: string;
    heute: string;
  }) {
    if (!/^[0-9]{5}$/.test(kreisschluessel)) throw steuerungErrors.kreisschluessel(kreisschluessel);
    const [mitglieder, versionen] = await Promise.all([repo.listMitglieder(db), repo.listSchluessel(db)]);
    const latestMix = versionen
      .filter((v) => v.schluessel.gleich + v.schluessel.einwohner + v.schluessel.nutzung > 1)
      .at(-1);
    const joiner = mitglieder.find((m) => m.kreisschluessel === kreisschluessel);
    const annahmen: string[] = [];
    let bisher: Beteiligter[];
    let neu: Beteiligter;
    let aenderung: { nummer: number; drucksache: string; beschlossenAm: string } | null = null;
    if (joiner) {
      if (joiner.via_amendment === null) throw steuerungErrors.gruendungsmitglied(joiner.name);
      const amendment = await db
        .selectFrom('agreement_amendments')
        .select(['number', 'drucksache', 'resolved_on'])
        .where('number', '=', joiner.via_amendment)
        .executeTakeFirstOrThrow();
      aenderung = {
        nummer: amendment.number,
        drucksache: amendment.drucksache,
        beschlossenAm: String(amendment.resolved_on),
      };
      const stichtag = tageZurueck(joiner.mitglied_seit, 1);
      const zahlen = await letztesJahrBis(stichtag, 'beitritt-simulieren', principal);
      bisher = mitglieder
        .filter((m) => mitgliedAm(m, tageZurueck(joiner.mitglied_seit, 1)))
        .map((m) => ({
          id: m.id,
          name: m.name,
          kreisschluessel: m.kreisschluessel,
          kennzahlen: zahlen(m.id, m.kreisschluessel),
        }));
      neu = {
        id: joiner.id,
        name: joiner.name,
        kreisschluessel,
        kennzahlen: zahlen(joiner.id, kreisschluessel),
      };
      annahmen.push(`Mitglieder vor dem Beitritt am ${joiner.mitglied_seit}; Nutzung der 365 Tage davor.`);
    } else {
      if (!name?.trim()) throw steuerungErrors.nameFehlt(kreisschluessel);
      const zahlen = await letztesJahrBis(heute, 'beitritt-simulieren', principal);
      bisher = mitglieder
        .filter((m) => mitgliedAm(m, heute))
        .map((m) => ({
          id: m.id,
          name: m.name,
          kreisschluessel: m.kreisschluessel,
          kennzahlen: zahlen(m.id, m.kreisschluessel),
        }));
      const mittel = (f: (k: Kennzahlen) => number) =>
        Math.round(bisher.reduce((a, m) => a + f(m.kennzahlen), 0) / Math.max(1, bisher.length));
      neu = {
        id: `kreis-${kreisschluessel}`,
        name: name.trim(),
        kreisschluessel,
        kennzahlen: {
          einwohner: zahlen(null, kreisschluessel).einwohner,
          antraege: mittel((k) => k.antraege),
          dokumente: mittel((k) => k.dokumente),
          benutzer: mittel((k) => k.benutzer),
        },
      };
    }
    /** The simulation under one key (pure: no further reads). */
    return (art: SchluesselArt, poolCent: bigint) => {
      const schluessel = schluesselFuer(art, art === 'mix' ? latestMix?.schluessel : undefined);
      const hinweise = [...annahmen];
      if (!joiner && schluessel.nutzung > 0)
        hinweise.push(
          'Nutzung des neuen Mitglieds angenommen als Mittel der bisherigen Mitglieder (letzte 365 Tage).',
        );
      const ergebnis = mitEinwohnerFehler([...bisher.map((m) => m.name), neu.name], () =>
        beitrittSimulieren({ poolCent, schluessel, bisher, neu }),
      );
      return {
        kreisschluessel,
        name: neu.name,
        aenderung,
        art,
        schluessel,
        poolCent,
        annahmen: hinweise,
        ...ergebnis,
      };
    };
  }

  type Simulation = ReturnType<Awaited<ReturnType<typeof beitrittVorbereiten>>>;
  type BeitrittEingabe = {
    principal: Principal;
    kreisschluessel: string;
    name?: string;
    poolCent: bigint;
    heute?: string;
  };

  return {
    /**
     * The effect of a county's join on every member's share with the same pool and key: a county
     * that is not a member joins today (its usage assumed as the members' mean); a member that
     * joined by an amendment is shown as it joined (members before it, figures of the year before).
     */
    async simulateJoin({
      art,
      poolCent,
      heute = isoTag(new Date()),
      ...rest
    }: BeitrittEingabe & { art: SchluesselArt }) {
      return (await beitrittVorbereiten({ ...rest, heute }))(art, poolCent);
    },

    /**
     * The same for several keys at once (the Steuerung page): the usage is read once, not per key.
     * Per key the result or the expected refusal (e.g. a missing population figure) as an AppError.
     */
    async simulateJoinJeSchluessel({
      arten,
      poolCent,
      heute = isoTag(new Date()),
      ...rest
    }: BeitrittEingabe & { arten: readonly SchluesselArt[] }): Promise<Array<Simulation | AppError>> {
      const simulation = await beitrittVorbereiten({ ...rest, heute });
      return arten.map((art) => {
        try {
          return simulation(art, poolCent);
        } catch (error) {
          if (error instanceof AppError) return error;
          throw error;
        }
      });
    },

    /** A year's pool split among the members by the key versions in force (pro rata by days). */
    async yearSplit({ principal, jahr }: { principal: Principal; jahr: number }) {
      const pool = await repo.getPool(db, jahr);
      if (!pool) throw steuerungErrors.poolFehlt(jahr);
      const [mitglieder, versionen] = await Promise.all([repo.listMitglieder(db), repo.listSchluessel(db)]);
      const ende = `${jahr}-12-31`;
      const zahlen = await kennzahlen({
        principal,
        von: `${jahr}-01-01`,
        bis: ende,
        zweck: 'kostenverteilung',
      });
      const liste = mitglieder.map((m) => ({
        id: m.id,
        name: m.name,
        kreisschluessel: m.kreisschluessel,
        mitgliedSeit: m.mitglied_seit,
        mitgliedBis: m.mitglied_bis,
        kennzahlen: zahlen(m.id, m.kreisschluessel),
      }));
      const r = mitEinwohnerFehler(
        liste.map((m) => m.name),
        () => jahresverteilung({ jahr, poolCent: BigInt(pool.betrag_cent), mitglieder: liste, versionen }),
      );
      return { jahr, pool, bis: ende, ...r };
    },

    async recordEinwohner(input: {
      principal: Principal;
      kreisschluessel: string;
      stichtag: string;
      einwohner: number;
      quelle: string;
      beispieldaten?: boolean;
    }) {
      if (!hasRole(input.principal, 'verbund-admin')) throw steuerungErrors.nurServiceteam();
      if (!/^[0-9]{5}$/.test(input.kreisschluessel))
        throw steuerungErrors.kreisschluessel(input.kreisschluessel);
      await repo.upsertEinwohner(db, {
        ...input,
        beispieldaten: input.beispieldaten ?? false,
        von: actorOf(input.principal),
      });
    },

    async recordPool(input: {
      principal: Principal;
      jahr: number;
      betragCent: bigint;
      bezeichnung: string;
      beispieldaten?: boolean;
    }) {
      if (!hasRole(input.principal, 'verbund-admin')) throw steuerungErrors.nurServiceteam();
      await repo.upsertPool(db, {
        ...input,
        beispieldaten: input.beispieldaten ?? false,
        von: actorOf(input.principal),
      });
    },

    async recordSchluessel(input: { principal: Principal; version: SchluesselVersion; bemerkung?: string }) {
      if (!hasRole(input.principal, 'verbund-admin')) throw steuerungErrors.nurServiceteam();
      await repo.upsertSchluessel(db, {
        ...input.version,
        bemerkung: input.bemerkung ?? null,
        von: actorOf(input.principal),
      });
    },

    listSchluessel: () => repo.listSchluessel(db),
    listEinwohner: () => repo.listEinwohner(db, null),
  };
}

export type KostenUsecases = ReturnType<typeof createKostenUsecases>;
