import type { Trx } from '../../../platform/database/database.ts';
import { type AenderungStand, aenderungStatus, type Beteiligung, wirksamAb } from './aenderungen.models.ts';
import {
  type AenderungRow,
  type BeteiligteRow,
  aenderungenRepository as repo,
} from './aenderungen.repository.ts';

const standOf = (row: AenderungRow): AenderungStand => ({
  wortlautSha256: row.wortlaut_sha256,
  genehmigungspflichtig: row.genehmigungspflichtig,
  genehmigtAm: row.genehmigt_am,
  bekanntgemachtAm: row.bekanntgemacht_am,
  benanntesWirksamkeitsdatum: row.benanntes_wirksamkeitsdatum,
  vollzogen: row.vollzogen_am !== null,
  gescheitert: row.status === 'gescheitert',
});
const beteiligungOf = (p: BeteiligteRow): Beteiligung => ({
  status: p.status,
  beschlosseneFassung: p.beschlossene_fassung,
  beschlossenAm: p.beschlossen_am,
  unterzeichnetAm: p.unterzeichnet_am,
});

/** Recomputes and stores the amendment's state and effective day from its parties (under its lock). */
export async function recompute(plain: Trx, id: string) {
  const row = (await repo.findAenderung(plain, id))!;
  const parteien = (await repo.listBeteiligte(plain, [id])).map(beteiligungOf);
  const stand = standOf(row);
  const status = aenderungStatus(stand, parteien);
  const ab = status === 'gescheitert' ? null : row.vollzogen_am ? row.wirksam_ab : wirksamAb(stand, parteien);
  await repo.setStatus(plain, id, { status, wirksamAb: ab });
  return { status, wirksamAb: ab };
}

/** The API's and the page's view of an amendment with each party's state. */
export function aenderungOf(row: AenderungRow, parteien: BeteiligteRow[]) {
  return {
    id: row.id,
    nummer: row.nummer,
    titel: row.titel,
    wortlaut: row.wortlaut,
    wortlautSha256: row.wortlaut_sha256,
    begruendung: row.begruendung,
    art: row.art,
    beitrittLandkreisId: row.beitritt_landkreis_id,
    austrittLandkreisId: row.austritt_landkreis_id,
    kostenschluessel: row.kostenschluessel,
    genehmigungspflichtig: row.genehmigungspflichtig,
    benanntesWirksamkeitsdatum: row.benanntes_wirksamkeitsdatum,
    genehmigung: row.genehmigt_am ? { am: row.genehmigt_am, aktenzeichen: row.genehmigung_az! } : null,
    bekanntmachung: row.bekanntgemacht_am ? { am: row.bekanntgemacht_am, amtsblatt: row.amtsblatt! } : null,
    wirksamAb: row.wirksam_ab,
    status: row.status,
    vollzogenAm: row.vollzogen_am?.toISOString() ?? null,
    beispieldaten: row.beispieldaten,
    parteien: parteien.map((p) => ({
      landkreisId: p.landkreis_id,
      landkreis: p.landkreis,
      rolle: p.rolle,
      vorlageId: p.vorlage_id,
      drucksachenNr: p.drucksachen_nr,
      status: p.status,
      beschlussNr: p.beschluss_nr,
      beschlossenAm: p.beschlossen_am,
      beschlosseneFassung: p.beschlossene_fassung,
      abweichendeFassung: p.status === 'beschlossen' && p.beschlossene_fassung !== row.wortlaut_sha256,
      unterzeichnet: p.unterzeichnet_am ? { am: p.unterzeichnet_am, von: p.unterzeichnet_von! } : null,
      beispieldaten: p.beispieldaten,
    })),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}
export type Aenderung = ReturnType<typeof aenderungOf>;
