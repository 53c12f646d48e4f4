import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { isAppError } from '../../../shared/errors.ts';
import type { GremienModule } from '../../gremien/gremien.module.ts';
import { fassungsVermerk } from './aenderungen.models.ts';
import { aenderungenRepository as repo } from './aenderungen.repository.ts';

/** What the process needs of each county's council: the gremien module's own use-cases. */
export type CountyCouncil = Pick<GremienModule, 'gremien' | 'vorlagen'>;

/** Einreichung and numbers of the Vorlagen, or Vorlagen a council already has (Nachtrag). */
export type PutOptions = {
  einreichung?: string;
  nummern?: Record<string, string>;
  vorhandene?: Record<string, { id: string; drucksachenNr: string }>;
};

/**
 * The one named operation that acts in another county's council: putting an amendment to it as a
 * Vorlage. It goes through the council module's use-case `createVorlage`, which opens that
 * county's tenant transaction itself (number, Akte, audit in the county's chain) – domain code
 * here never switches tenants; the Serviceteam appears as the actor (`user:<login>@<its county>`).
 */
export function createAenderungVorlagen({
  database,
  council,
}: {
  database: DatabaseHandle;
  council: CountyCouncil;
}) {
  return {
    /**
     * Returns the counties where it failed (e.g. a county preparing to join without an Aktenplan
     * for the Vorlage's Akte yet): their party rows stay without a Vorlage until a later call.
     */
    async putToCouncils(principal: Principal, aenderungId: string, options: PutOptions = {}) {
      const fehler: Array<{ landkreisId: string; detailDe: string }> = [];
      const aenderung = (await repo.findAenderung(database.db, aenderungId))!;
      const parteien = await repo.listBeteiligte(database.db, [aenderungId]);
      for (const party of parteien.filter((p) => p.vorlage_id === null)) {
        const known = options.vorhandene?.[party.landkreis_id];
        if (known) {
          await repo.setVorlage(database.db, {
            aenderungId,
            landkreisId: party.landkreis_id,
            vorlageId: known.id,
            nr: known.drucksachenNr,
          });
          continue;
        }
        const asCounty: Principal = {
          tenantId: party.landkreis_id,
          userId: null,
          login: `${principal.login ?? principal.tokenId ?? 'serviceteam'}@${principal.tenantId}`,
          displayName: `Serviceteam E-Government (${principal.displayName})`,
          roles: ['sachbearbeitung'],
          via: 'session',
        };
        const kreistag = (await council.gremien.listGremien(asCounty)).find((g) => g.art === 'kreistag');
        const vorlage = await council.vorlagen
          .createVorlage(asCounty, {
            betreff: aenderung.titel,
            art: 'beschlussvorlage',
            einreicher: 'Verwaltung',
            einreichung: options.einreichung ?? new Date().toISOString().slice(0, 10),
            ...(options.nummern?.[party.landkreis_id]
              ? { drucksachenNr: options.nummern[party.landkreis_id] }
              : {}),
            beschlussvorschlag: beschlussvorschlag(aenderung.titel, aenderung.wortlaut_sha256),
            begruendung: [aenderung.begruendung, `Wortlaut der Änderung:\n\n${aenderung.wortlaut}`]
              .filter(Boolean)
              .join('\n\n'),
            beratungsfolge: kreistag ? [{ gremiumId: kreistag.id, zustaendigkeit: 'entscheidung' }] : [],
          })
          .catch((error: unknown) => {
            if (!isAppError(error)) throw error;
            fehler.push({ landkreisId: party.landkreis_id, detailDe: error.messageDe });
            return null;
          });
        if (!vorlage) continue;
        await repo.setVorlage(database.db, {
          aenderungId,
          landkreisId: party.landkreis_id,
          vorlageId: vorlage.id,
          nr: vorlage.drucksachenNr,
        });
      }
      return fehler;
    },
  };
}

/** The proposal names the text version by its hash: what the Kreistag resolves is that version. */
export const beschlussvorschlag = (titel: string, hash: string) =>
  `Der Kreistag stimmt der ${titel} im Wortlaut der Anlage (${fassungsVermerk(hash)}) zu.\n\n` +
  'Der Landrat wird ermächtigt, die Änderung mit den beteiligten Landkreisen zu unterzeichnen.';
