import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { forbidden } from '../../../shared/errors.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import type { ExtractorRegistry } from '../../ingest/ingest.module.ts';
import { fileDokument } from '../../records/records.module.ts';
import { findVorlageAkte } from '../anlagen/anlagen.repository.ts';
import { ensureVorlageAkte } from '../anlagen/vorlage-akte.ts';
import type { GremienUsecases } from '../gremien/gremien.usecases.ts';
import { importErrors } from './vorlage-import.errors.ts';
import { type ImportierteVorlage, parseVorlageText } from './vorlage-import.models.ts';
import type { BeratungInput, VorlagenUsecases } from './vorlagen.usecases.ts';

/** The largest file the import reads (a Vorlage is a few pages; its Anlagen come separately). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const ARTEN = ['beschlussvorlage', 'informationsvorlage', 'antrag', 'anfrage', 'mitteilung'] as const;
type Art = (typeof ARTEN)[number];
const LIMITS: Array<[keyof ImportierteVorlage, number, string]> = [
  ['betreff', 1000, 'Betreff'],
  ['einreicher', 300, 'Einreicher'],
  ['unterzeichner', 300, 'Unterzeichner'],
  ['beschlussvorschlag', 100_000, 'Beschlussvorschlag'],
  ['begruendung', 200_000, 'Begründung'],
  ['drucksachenNr', 60, 'Drucksachen-Nr.'],
];

/** Text of the file: the text layer of a PDF (through the parser pool), else UTF-8 text or Markdown. */
async function textOf(extractors: ExtractorRegistry, file: { fileName: string; bytes: Buffer }) {
  if (file.bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const result = await extractors
      .extract({ bytes: file.bytes, mime: 'application/pdf', fileName: file.fileName })
      .catch((error: Error) => {
        throw importErrors.unreadable(error.message);
      });
    if (!result.text.trim()) throw importErrors.noTextLayer();
    return result.text;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file.bytes).replace(/^\uFEFF/, '');
  } catch {
    throw importErrors.notText();
  }
}

/** Import of a Beschlussvorlage: the parsed fields with a report; on request a Vorlage made of them. */
export function createVorlageImportUsecases(deps: {
  database: DatabaseHandle;
  blobs: BlobStore;
  extractors: ExtractorRegistry;
  vorlagen: VorlagenUsecases;
  gremien: GremienUsecases;
}) {
  const { database, blobs, extractors, vorlagen, gremien } = deps;
  return {
    async importieren({
      principal,
      file,
      anlegen,
    }: {
      principal: Principal;
      file: { fileName: string; bytes: Buffer };
      anlegen: boolean;
    }) {
      if (!hasRole(principal, 'sachbearbeitung', 'leitung', 'kreis-admin')) throw forbidden();
      if (file.bytes.length > IMPORT_MAX_BYTES) throw importErrors.tooLarge(IMPORT_MAX_BYTES);
      const text = await textOf(extractors, file);
      if (!text.trim()) throw importErrors.empty();
      const { vorlage, bericht } = parseVorlageText(text);
      if (!anlegen) return { vorlage, bericht, angelegt: null };

      if (!vorlage.betreff) throw importErrors.noBetreff();
      for (const [key, max, name] of LIMITS) {
        const value = vorlage[key];
        if (typeof value === 'string' && value.length > max) throw importErrors.tooLong(name, max);
      }
      // The Beratungsfolge names Gremien; those the county has (by name or Kürzel) are taken over.
      const known = await gremien.listGremien(principal);
      const find = (name: string) =>
        known.find((g) => g.name.toLowerCase() === name.toLowerCase() || g.kuerzel === name) ??
        (/^kreistag\b/i.test(name) ? known.find((g) => g.art === 'kreistag') : undefined);
      const beratungsfolge: BeratungInput[] = [];
      for (const b of vorlage.beratungsfolge) {
        const gremium = find(b.gremium);
        if (!gremium) {
          bericht.hinweise.push(
            `Das Gremium „${b.gremium}“ gibt es im Landkreis nicht; es steht nicht in der Beratungsfolge der neuen Vorlage.`,
          );
          continue;
        }
        beratungsfolge.push({
          gremiumId: gremium.id,
          datum: b.datum,
          zustaendigkeit: b.zustaendigkeit ?? 'entscheidung',
        });
      }
      const art = (ARTEN as readonly string[]).includes(vorlage.art ?? '') ? (vorlage.art as Art) : undefined;
      // The source is stored first (content-addressed: a retry stores the same bytes once); the
      // Vorlage, its number and Akte and the source's Dokument are then one transaction, so a failure
      // anywhere leaves nothing behind (no Vorlage, no drawn number).
      const blob = await blobs.put(file.bytes);
      const created = await database.withTenant(principal.tenantId, async (trx) => {
        const neu = await vorlagen.createVorlageIn(trx, principal, {
          betreff: vorlage.betreff!,
          ...(vorlage.drucksachenNr ? { drucksachenNr: vorlage.drucksachenNr } : {}),
          ...(art ? { art } : {}),
          ...(vorlage.oeffentlich === null ? {} : { oeffentlich: vorlage.oeffentlich }),
          einreicher: vorlage.einreicher,
          einreichung:
            vorlage.einreichung && /^\d{4}-\d{2}-\d{2}$/.test(vorlage.einreichung)
              ? vorlage.einreichung
              : null,
          beschlussvorschlag: vorlage.beschlussvorschlag,
          begruendung: vorlage.begruendung,
          unterzeichner: vorlage.unterzeichner,
          beratungsfolge,
        });
        // The source itself goes into the Vorlage's Akte: whatever the fields do not hold stays there.
        const { akteId, vorgangId } = await ensureVorlageAkte(trx, {
          vorlage: (await findVorlageAkte(trx, neu.id))!,
          actor: actorOf(principal),
        });
        await fileDokument({
          trx,
          actor: actorOf(principal),
          vorgang: { id: vorgangId, akteId },
          file: { fileName: file.fileName, blob },
          fields: { titel: `Importierte Vorlage ${neu.drucksachenNr} (Quelle)`, art: 'eingang' },
        });
        return neu;
      });
      if (vorlage.anlagen.length > 0)
        bericht.hinweise.push(
          `${vorlage.anlagen.length} Anlage(n) als Liste erkannt; die Dateien werden über POST /api/v1/vorlagen/${created.id}/anlagen hochgeladen.`,
        );
      if (vorlage.abstimmung)
        bericht.hinweise.push(
          'Das Abstimmungsergebnis gehört zur Beratung in der Sitzung; es wird dort erfasst, nicht an der Vorlage.',
        );
      return { vorlage, bericht, angelegt: created };
    },
  };
}

export type VorlageImportUsecases = ReturnType<typeof createVorlageImportUsecases>;
