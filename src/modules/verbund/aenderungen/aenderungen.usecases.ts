import { randomBytes } from 'node:crypto';
import type { DatabaseHandle, Db, Trx } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { mitgliederRepository } from '../mitglieder/mitglieder.repository.ts';
import { prepareJoin } from '../mitglieder/onboarding.usecases.ts';
import { aenderungenErrors as errors } from './aenderungen.errors.ts';
import { kostenschluesselFehler, wortlautHash } from './aenderungen.models.ts';
import { aenderungenRepository as repo } from './aenderungen.repository.ts';
import { aenderungOf, recompute } from './aenderungen.status.ts';
import { type CountyCouncil, createAenderungVorlagen, type PutOptions } from './vorlagen.usecases.ts';

export type NewAenderungInput = {
  titel: string;
  wortlaut: string;
  begruendung?: string | null;
  beitritt?: { id: string; name: string; kreisschluessel: string } | null;
  austrittLandkreisId?: string | null;
  kostenschluessel?: Record<string, number> | null;
  genehmigungspflichtig?: boolean;
  benanntesWirksamkeitsdatum?: string | null;
};

/**
 * For recording an amendment decided before the platform ran the process (the demo's 1. Änderung,
 * Altbestand): the day whose members are the parties, its number, the Vorlagen the councils
 * already have or their numbers, and the mark that invented parts are Beispieldaten.
 */
export type NachtragOptions = {
  stichtag?: string;
  nummer?: number;
  beispieldaten?: boolean;
  vorlagen?: PutOptions;
};

const today = () => new Date().toISOString().slice(0, 10);

/** The Verbund-level amendment process: create, put to every party's council, record its acts. */
export function createAenderungenUsecases({
  database,
  council,
  vollziehen,
}: {
  database: DatabaseHandle;
  council: CountyCouncil;
  /** Carries out what is due (vollzug.usecases.ts); run after every act that may make it due. */
  vollziehen: (args: { heute?: string }) => Promise<unknown>;
}) {
  const { db } = database;
  const vorlagen = createAenderungVorlagen({ database, council });

  const requireServiceteam = (principal: Principal) => {
    if (!hasRole(principal, 'verbund-admin')) throw errors.onlyServiceteam();
  };

  async function load(source: Db | Trx, id: string) {
    const row = await repo.findAenderung(source, id);
    if (!row) throw errors.notFound();
    return aenderungOf(row, await repo.listBeteiligte(source, [id]));
  }

  /** Runs one recorded act under the amendment's lock, recomputes its state and audits it. */
  async function act(
    principal: Principal,
    id: string,
    action: string,
    work: (plain: Trx, row: NonNullable<Awaited<ReturnType<typeof repo.findAenderung>>>) => Promise<object>,
  ) {
    await db.transaction().execute(async (plain) => {
      await repo.verbundPath(plain);
      const row = await repo.findAenderung(plain, id, { lock: true });
      if (!row) throw errors.notFound();
      const data = await work(plain, row);
      const state = await recompute(plain, id);
      const trx = await database.switchTenant(plain, principal.tenantId);
      await appendAuditEvent(trx, {
        actor: actorOf(principal),
        action,
        objectType: 'aenderung',
        objectId: id,
        data: { nummer: row.nummer, ...data, status: state.status, wirksamAb: state.wirksamAb },
      });
    });
    await vollziehen({});
    return load(db, id);
  }

  return {
    async listAenderungen() {
      const rows = await repo.listAenderungen(db);
      const parteien = await repo.listBeteiligte(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) =>
        aenderungOf(
          r,
          parteien.filter((p) => p.aenderung_id === r.id),
        ),
      );
    },

    getAenderung: (id: string) => load(db, id),

    /**
     * A new amendment: the Verbund-level record with its parties (the members of today, and the
     * joining county – prepared as a tenant if it is not one yet), then one Vorlage in each
     * party's council. Audited in the Serviceteam's chain (the record) and in each county's (its Vorlage).
     */
    async createAenderung(principal: Principal, input: NewAenderungInput, nachtrag: NachtragOptions = {}) {
      requireServiceteam(principal);
      if (input.kostenschluessel) {
        const fehler = kostenschluesselFehler(input.kostenschluessel);
        if (fehler) throw errors.kostenschluessel(fehler);
      }
      const created = await db.transaction().execute(async (plain) => {
        await repo.verbundPath(plain);
        const members = await repo.membersOn(plain, nachtrag.stichtag ?? today());
        const memberIds = new Set(members.map((m) => m.id));
        let admin: { login: string; password: string } | null = null;
        const beitritt = input.beitritt ?? null;
        if (beitritt) {
          if (memberIds.has(beitritt.id)) throw errors.alreadyMember(beitritt.id);
          const existing = await mitgliederRepository.getMember(plain, beitritt.id);
          if (!existing)
            admin = await prepareJoin({
              plain,
              database,
              county: beitritt,
              actor: actorOf(principal),
              adminPassword: randomBytes(12).toString('base64url'),
            });
        }
        const austritt = input.austrittLandkreisId ?? null;
        if (austritt && !memberIds.has(austritt)) throw errors.notMember(austritt);
        for (const id of Object.keys(input.kostenschluessel ?? {}))
          if (!memberIds.has(id) && id !== beitritt?.id) throw errors.unknownCounty(id);
        const row = await repo.insertAenderung(plain, {
          titel: input.titel,
          wortlaut: input.wortlaut,
          wortlautSha256: wortlautHash(input.wortlaut),
          begruendung: input.begruendung ?? null,
          art: beitritt ? 'beitritt' : austritt ? 'austritt' : 'sonstige',
          beitrittLandkreisId: beitritt?.id ?? null,
          austrittLandkreisId: austritt,
          kostenschluessel: input.kostenschluessel ?? null,
          genehmigungspflichtig: input.genehmigungspflichtig ?? true,
          benanntesWirksamkeitsdatum: input.benanntesWirksamkeitsdatum ?? null,
          beispieldaten: nachtrag.beispieldaten ?? false,
          nummer: nachtrag.nummer ?? null,
          createdBy: actorOf(principal),
        });
        await repo.insertBeteiligte(
          plain,
          row.id,
          [
            ...members.map((m) => ({
              landkreisId: m.id,
              rolle: m.id === austritt ? ('austretend' as const) : ('mitglied' as const),
            })),
            ...(beitritt ? [{ landkreisId: beitritt.id, rolle: 'beitretend' as const }] : []),
          ],
          nachtrag.beispieldaten ?? false,
        );
        const trx = await database.switchTenant(plain, principal.tenantId);
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'verbund.aenderung_angelegt',
          objectType: 'aenderung',
          objectId: row.id,
          data: {
            nummer: row.nummer,
            wortlautSha256: row.wortlaut_sha256,
            beitritt: beitritt?.id ?? null,
            austritt,
            parteien: members.length + (beitritt ? 1 : 0),
          },
        });
        return { id: row.id, admin };
      });
      const vorlagenFehler = await vorlagen.putToCouncils(principal, created.id, nachtrag.vorlagen);
      return { aenderung: await load(db, created.id), beitrittAdmin: created.admin, vorlagenFehler };
    },

    /** Puts the Vorlage to every party whose council does not have it yet (after a failure, say). */
    async vorlagenAnlegen(principal: Principal, id: string) {
      requireServiceteam(principal);
      await load(db, id);
      const vorlagenFehler = await vorlagen.putToCouncils(principal, id);
      return { aenderung: await load(db, id), vorlagenFehler };
    },

    /** The Genehmigung of the Aufsichtsbehörde (§§ 11, 13): once every party resolved the same text. */
    recordGenehmigung(principal: Principal, id: string, input: { am: string; aktenzeichen: string }) {
      requireServiceteam(principal);
      return act(principal, id, 'verbund.aenderung_genehmigt', async (plain, row) => {
        if (!row.genehmigungspflichtig) throw errors.wrongState('Eine Genehmigung', 'genehmigungsfrei');
        if (row.status !== 'beschlossen' && row.status !== 'genehmigt')
          throw errors.wrongState('Die Genehmigung', row.status);
        const last = (await repo.listBeteiligte(plain, [id]))
          .map((p) => p.beschlossen_am ?? '')
          .sort()
          .at(-1)!;
        if (input.am < last)
          throw errors.dateOrder('Die Genehmigung kann nicht vor dem letzten Kreistagsbeschluss liegen.');
        await repo.setAkte(plain, id, { genehmigtAm: input.am, genehmigungAz: input.aktenzeichen });
        return { genehmigtAm: input.am, aktenzeichen: input.aktenzeichen };
      });
    },

    /** The Bekanntmachung by the Aufsichtsbehörde (§ 12): the amendment takes effect the next day. */
    recordBekanntmachung(principal: Principal, id: string, input: { am: string; amtsblatt: string }) {
      requireServiceteam(principal);
      return act(principal, id, 'verbund.aenderung_bekanntgemacht', async (plain, row) => {
        const ok = row.genehmigungspflichtig
          ? row.status === 'genehmigt' || row.status === 'bekanntgemacht'
          : row.status === 'beschlossen' || row.status === 'unterzeichnet';
        if (!ok) throw errors.wrongState('Die Bekanntmachung', row.status);
        if (row.genehmigt_am && input.am < row.genehmigt_am)
          throw errors.dateOrder('Die Bekanntmachung kann nicht vor der Genehmigung liegen.');
        await repo.setAkte(plain, id, { bekanntgemachtAm: input.am, amtsblatt: input.amtsblatt });
        return { bekanntgemachtAm: input.am, amtsblatt: input.amtsblatt };
      });
    },

    /** A party's signature (its Landrat): by the Serviceteam, or by the county's own administration. */
    recordUnterschrift(
      principal: Principal,
      id: string,
      landkreisId: string,
      input: { am: string; von: string },
    ) {
      const own = principal.tenantId === landkreisId && hasRole(principal, 'kreis-admin');
      if (!own) requireServiceteam(principal);
      return act(principal, id, 'verbund.aenderung_unterzeichnet', async (plain) => {
        const party = (await repo.listBeteiligte(plain, [id])).find((p) => p.landkreis_id === landkreisId);
        if (!party) throw errors.notAParty();
        if (party.status !== 'beschlossen') throw errors.notResolvedYet();
        if (party.beschlossen_am && input.am < party.beschlossen_am)
          throw errors.dateOrder('Unterzeichnet werden kann erst nach dem Beschluss des Kreistages.');
        await repo.setUnterschrift(plain, { aenderungId: id, landkreisId, am: input.am, von: input.von });
        return { landkreis: landkreisId, unterzeichnetAm: input.am };
      });
    },
  };
}

export type AenderungenUsecases = ReturnType<typeof createAenderungenUsecases>;
