import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { actorOf, type Principal } from '../../../platform/http/principal.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import { findVorlageAkte } from '../anlagen/anlagen.repository.ts';
import { ensureVorlageAkte } from '../anlagen/vorlage-akte.ts';
import { gremienErrors } from '../gremien.errors.ts';
import { findSitzung, loadTagesordnung, type SitzungRow } from '../sitzungen/sitzungen.repository.ts';
import { sitzungOf } from '../sitzungen/sitzungen.usecases.ts';
import { findVorlage, loadBeratungsfolge } from '../vorlagen/vorlagen.repository.ts';
import { ensureSitzungAkte, fileGenerated, type Generated } from './ablage.ts';
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

/** A generated document: the PDF/A, its file name, and the E-Akte Dokument it was filed as (if filed). */
export type GeneratedPdf = { pdf: Buffer; fileName: string; filed: Generated | null };

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

/**
 * PDF/A documents from the council data: the Vorlage (Drucksache), the Einladung and the
 * Niederschrift of a session. Generated on every call from the current data and filed in the
 * E-Akte when they are final enough to keep: the Drucksache once the Vorlage is published (its own
 * Akte), the Einladung from the invitation on and the Niederschrift once the session is held (the
 * session's Akte). A changed rendition is filed as the next version of the same Dokument.
 */
export function createGremienDokumenteUsecases({
  database,
  blobs,
}: {
  database: DatabaseHandle;
  blobs: BlobStore;
}) {
  return {
    async vorlagePdf(principal: Principal, id: string): Promise<GeneratedPdf> {
      return database.withTenant(principal.tenantId, async (trx) => {
        const vorlage = await findVorlage(trx, id, { lock: true });
        if (!vorlage) throw gremienErrors.vorlageNotFound();
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
        const fileName = `${safeName(vorlage.drucksachen_nr)}.pdf`;
        if (vorlage.status !== 'veroeffentlicht') return { pdf, fileName, filed: null };
        const actor = actorOf(principal);
        const akteRow = await findVorlageAkte(trx, id);
        const target = await ensureVorlageAkte(trx, { vorlage: akteRow!, actor });
        const filed = await fileGenerated(trx, {
          objektId: id,
          art: 'drucksache',
          target,
          blob: await blobs.put(pdf),
          fileName,
          titel: `Drucksache ${vorlage.drucksachen_nr} (PDF/A)`,
          intern: !vorlage.oeffentlich,
          actor,
        });
        return { pdf, fileName, filed };
      });
    },

    einladung: (principal: Principal, id: string) => sitzungPdf(principal, id, 'einladung'),
    niederschrift: (principal: Principal, id: string) => sitzungPdf(principal, id, 'niederschrift'),
  };

  async function sitzungPdf(principal: Principal, id: string, art: 'einladung' | 'niederschrift') {
    return database.withTenant(principal.tenantId, async (trx): Promise<GeneratedPdf> => {
      const row = await findSitzung(trx, id, { lock: true });
      if (!row) throw gremienErrors.sitzungNotFound();
      if (art === 'niederschrift' && row.status !== 'durchgefuehrt')
        throw dokumenteErrors.keineNiederschrift(row.status);
      const data = await sitzungForPdf(trx, row);
      const pdf = await (art === 'einladung' ? renderEinladungPdf(data) : renderNiederschriftPdf(data));
      const label = art === 'einladung' ? 'Einladung' : 'Niederschrift';
      const fileName = `${label}_${safeName(row.kuerzel)}_${row.nummer}_${row.beginn.toISOString().slice(0, 10)}.pdf`;
      // A planned or cancelled session's Einladung is a draft: shown, not filed.
      if (row.status === 'geplant' || row.status === 'abgesagt') return { pdf, fileName, filed: null };
      const actor = actorOf(principal);
      const target = await ensureSitzungAkte(trx, {
        sitzung: { id, titel: `${row.nummer}. Sitzung ${row.gremium} am ${deDate(row.beginn)}` },
        actor,
      });
      const filed = await fileGenerated(trx, {
        objektId: id,
        art,
        target,
        blob: await blobs.put(pdf),
        fileName,
        titel: `${label} der ${row.nummer}. Sitzung ${row.gremium} am ${deDate(row.beginn)} (PDF/A)`,
        intern: data.tops.some((t) => !t.oeffentlich),
        actor,
      });
      return { pdf, fileName, filed };
    });
  }
}

export type GremienDokumenteUsecases = ReturnType<typeof createGremienDokumenteUsecases>;
