import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { publicGremien } from './gremien.repository.ts';
import { createGremiumUsecases } from './gremium.usecases.ts';
import { ratsinfoErrors } from './ratsinfo.errors.ts';
import {
  agendaNumbers,
  type InKreis,
  isUuid,
  type Kreis,
  type KreisDirectory,
  latest,
  monatOf,
  parseMonat,
} from './ratsinfo.models.ts';
import {
  alleSitzungen,
  findPublicSitzung,
  kalenderRahmen,
  publicTagesordnung,
  sitzungenImMonat,
} from './sitzungen.repository.ts';
import { createSucheUsecases } from './suche.usecases.ts';
import {
  allePublicVorlagen,
  beratungenDerVorlage,
  findPublicVorlage,
  publicAnlagen,
  publicBeratungsfolge,
} from './vorlagen.repository.ts';

export type RatsinfoDeps = { database: DatabaseHandle; members: KreisDirectory };

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The public council pages' reads. Each runs in the transaction of the county named by the URL
 * (row-level security scopes it); nothing here reads across counties.
 */
export function createRatsinfoUsecases(deps: RatsinfoDeps) {
  const { database, members } = deps;

  const inKreis: InKreis = async (slug, work) => {
    if (!SLUG.test(slug) || slug.length > 40) throw ratsinfoErrors.kreisNotFound();
    const member = await members.getMember(slug);
    if (!member) throw ratsinfoErrors.kreisNotFound();
    const kreis: Kreis = { id: member.id, name: member.name, kreisschluessel: member.kreisschluessel };
    return database.withTenant(kreis.id, (trx) => work(trx, kreis));
  };
  const uuidOr = (id: string, error: () => Error) => {
    if (!isUuid(id)) throw error();
    return id.toLowerCase();
  };

  return {
    inKreis,
    kreise: async () =>
      (await members.listMembers()).map((m) => ({
        id: m.id,
        name: m.name,
        kreisschluessel: m.kreisschluessel,
      })),

    /** The sessions of a month (default: this month in Berlin) and the nearest months with sessions. */
    kalender: ({ kreis, monat }: { kreis: string; monat?: string }) => {
      const month = monat ?? monatOf(new Date());
      if (!parseMonat(month)) throw ratsinfoErrors.badMonth();
      return inKreis(kreis, async (trx, k) => {
        const [sitzungen, rahmen, gremien] = await Promise.all([
          sitzungenImMonat(trx, month),
          kalenderRahmen(trx, month),
          publicGremien(trx),
        ]);
        return {
          kreis: k,
          monat: month,
          sitzungen,
          vorher: rahmen.vorher,
          nachher: rahmen.nachher,
          stand: latest([rahmen.stand, ...gremien.map((g) => g.updated_at)]),
        };
      });
    },

    /** A session with its agenda as the public may see it (from the invitation on). */
    sitzung: ({ kreis, id }: { kreis: string; id: string }) =>
      inKreis(kreis, async (trx, k) => {
        const sitzung = await findPublicSitzung(trx, uuidOr(id, ratsinfoErrors.sitzungNotFound));
        if (!sitzung) throw ratsinfoErrors.sitzungNotFound();
        const agendaPublic = sitzung.status === 'eingeladen' || sitzung.status === 'durchgefuehrt';
        const tops = agendaPublic ? await publicTagesordnung(trx, sitzung.id) : [];
        const numbers = agendaNumbers(tops);
        return {
          kreis: k,
          sitzung,
          agendaPublic,
          tagesordnung: tops.map((t, i) => ({ ...t, nummer: numbers[i]! })),
          stand: latest([sitzung.updated_at, ...tops.map((t) => t.changed)]),
        };
      }),

    /** A published public Vorlage with its Beratungsfolge, its sessions and public attachments. */
    vorlage: ({ kreis, id }: { kreis: string; id: string }) =>
      inKreis(kreis, async (trx, k) => {
        const vorlage = await findPublicVorlage(trx, uuidOr(id, ratsinfoErrors.vorlageNotFound));
        if (!vorlage) throw ratsinfoErrors.vorlageNotFound();
        const [folge, beratungen, anlagen] = await Promise.all([
          publicBeratungsfolge(trx, vorlage.id),
          beratungenDerVorlage(trx, vorlage.id),
          publicAnlagen(trx, vorlage.id),
        ]);
        return {
          kreis: k,
          vorlage,
          folge,
          beratungen,
          anlagen,
          stand: latest([
            vorlage.updated_at,
            ...beratungen.map((b) => b.changed),
            ...anlagen.map((a) => a.updated_at),
          ]),
        };
      }),

    /** One public attachment of a public Vorlage (for the download), or 404. */
    anlage: ({ kreis, vorlageId, anlageId }: { kreis: string; vorlageId: string; anlageId: string }) =>
      inKreis(kreis, async (trx) => {
        const [row] = await publicAnlagen(
          trx,
          uuidOr(vorlageId, ratsinfoErrors.anlageNotFound),
          uuidOr(anlageId, ratsinfoErrors.anlageNotFound),
        );
        if (!row) throw ratsinfoErrors.anlageNotFound();
        return row;
      }),

    ...createGremiumUsecases({ inKreis, uuidOr }),
    ...createSucheUsecases({ inKreis }),

    /** Everything the sitemap lists for a county. */
    sitemap: ({ kreis }: { kreis: string }) =>
      inKreis(kreis, async (trx, k) => ({
        kreis: k,
        gremien: await publicGremien(trx),
        sitzungen: await alleSitzungen(trx),
        vorlagen: await allePublicVorlagen(trx),
      })),
  };
}

export type RatsinfoUsecases = ReturnType<typeof createRatsinfoUsecases>;
