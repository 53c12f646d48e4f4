import type { TenantTrx } from '../../../platform/database/database.ts';
import { gremienErrors } from '../gremien.errors.ts';
import { findSitzung, loadTagesordnung, type SitzungRow } from '../sitzungen/sitzungen.repository.ts';
import { sitzungOf } from '../sitzungen/sitzungen.usecases.ts';
import { findVorlage, loadBeratungsfolge, type VorlageRow } from '../vorlagen/vorlagen.repository.ts';
import { dokumenteErrors } from './dokumente.errors.ts';
import {
  anlagenTitel,
  countyName,
  mitgliederMitNamen,
  sitzungDetails,
  vorlageAufTagesordnungen,
} from './dokumente.repository.ts';
import { deDate } from './pdfa.ts';
import { renderEinladungPdf, renderNiederschriftPdf, type SitzungForPdf } from './sitzung.render.ts';
import { renderVorlagePdf } from './vorlage.render.ts';

/** A council document rendered from the current data: bytes, file name and what filing needs to know. */
export type Rendered = { pdf: Buffer; fileName: string; titel: string; intern: boolean };

export type SitzungPdfArt = 'einladung' | 'niederschrift';

const safeName = (text: string) => text.replace(/[^\p{L}\p{N}-]+/gu, '_').replace(/^_+|_+$/g, '');

async function sitzungForPdf(trx: TenantTrx, row: SitzungRow): Promise<SitzungForPdf> {
  const view = sitzungOf(row, await loadTagesordnung(trx, row.id));
  const details = await sitzungDetails(trx, row.id);
  return {
    koerperschaft: await countyName(trx),
    gremium: row.gremium,
    nummer: row.nummer,
    beginn: row.beginn,
    ende: row.ende,
    ort: row.ort,
    tops: (view.tagesordnung ?? []).map((t) => {
      const d = details.get(t.id);
      return {
        nummer: t.nummer,
        titel: t.titel,
        oeffentlich: t.oeffentlich,
        drucksachenNr: t.drucksachenNr,
        betreff: d?.betreff ?? null,
        beratung: t.beratung,
        beschluss: d?.nummer ? { nummer: d.nummer, text: d.text } : null,
      };
    }),
    mitglieder: await mitgliederMitNamen(trx, row.id),
    // The session's own time, not the hour of generation: the same data gives the same file.
    stand: row.created_at,
  };
}

/** The Vorlage in the layout of the source document, from the current data (reads only). */
export async function renderVorlage(trx: TenantTrx, vorlage: VorlageRow): Promise<Rendered> {
  const id = vorlage.id;
  const folge = await loadBeratungsfolge(trx, [id]);
  const tops = await vorlageAufTagesordnungen(trx, id);
  const entscheidung = folge.filter((b) => b.zustaendigkeit === 'entscheidung').at(-1) ?? folge.at(-1);
  const votes = tops.find((t) => t.gremium_id === entscheidung?.gremium_id && t.ja !== null);
  const county = await countyName(trx);
  const pdf = await renderVorlagePdf({
    koerperschaft: `${entscheidung?.gremium ?? 'Kreistag'} ${county.toUpperCase()}`,
    entscheidung: entscheidung?.gremium ?? 'Kreistag',
    art: vorlage.art,
    oeffentlich: vorlage.oeffentlich,
    drucksachenNr: vorlage.drucksachen_nr,
    einreicher: vorlage.einreicher,
    einreichung: vorlage.einreichung,
    betreff: vorlage.betreff,
    beschlussvorschlag: vorlage.beschlussvorschlag,
    begruendung: vorlage.begruendung,
    unterzeichner: vorlage.unterzeichner,
    beratungsfolge: folge.map((b) => ({
      gremium: b.gremium,
      datum: b.datum,
      top: tops.find((t) => t.gremium_id === b.gremium_id)?.nummer ?? null,
    })),
    anlagen: await anlagenTitel(trx, id),
    abstimmung: votes ?? null,
    stand: vorlage.veroeffentlicht_am ?? vorlage.created_at,
  });
  return {
    pdf,
    fileName: `${safeName(vorlage.drucksachen_nr)}.pdf`,
    titel: `Drucksache ${vorlage.drucksachen_nr} (PDF/A)`,
    intern: !vorlage.oeffentlich,
  };
}

/** Einladung or Niederschrift of a session from the current data (reads only). */
export async function renderSitzung(trx: TenantTrx, row: SitzungRow, art: SitzungPdfArt): Promise<Rendered> {
  if (art === 'niederschrift' && row.status !== 'durchgefuehrt')
    throw dokumenteErrors.keineNiederschrift(row.status);
  const data = await sitzungForPdf(trx, row);
  const pdf = await (art === 'einladung' ? renderEinladungPdf(data) : renderNiederschriftPdf(data));
  const label = art === 'einladung' ? 'Einladung' : 'Niederschrift';
  return {
    pdf,
    fileName: `${label}_${safeName(row.kuerzel)}_${row.nummer}_${row.beginn.toISOString().slice(0, 10)}.pdf`,
    titel: `${label} der ${row.nummer}. Sitzung ${row.gremium} am ${deDate(row.beginn)} (PDF/A)`,
    // It lists the non-public part: internal in the E-Akte.
    intern: data.tops.some((t) => !t.oeffentlich),
  };
}

export async function requireVorlage(trx: TenantTrx, id: string, options: { lock?: boolean } = {}) {
  const vorlage = await findVorlage(trx, id, options);
  if (!vorlage) throw gremienErrors.vorlageNotFound();
  return vorlage;
}

export async function requireSitzung(trx: TenantTrx, id: string, options: { lock?: boolean } = {}) {
  const row = await findSitzung(trx, id, options);
  if (!row) throw gremienErrors.sitzungNotFound();
  return row;
}
