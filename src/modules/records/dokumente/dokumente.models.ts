import type { MetadataField, Vertraulichkeit } from '../../../platform/database/database.types.ts';
import { checkDate } from '../../../shared/dates.ts';
import { stripBidiControls } from '../../../shared/text.ts';
import type { StoredBlob } from '../../blobs/blobs.module.ts';
import { detectContentType, safeFileName } from '../../ingest/ingest.module.ts';
import { metadataInvalid, metadataNotAList } from './dokumente.errors.ts';

/** The job that turns a stored version into searchable text (extraction.job.ts). */
export const EXTRACT_JOB = 'records.extract';

export type Dokument = {
  id: string;
  vorgangId: string;
  akteId: string;
  aktenzeichen: string;
  betreff: string;
  titel: string;
  art: 'eingang' | 'ausgang' | 'intern';
  datum: string;
  absender: string | null;
  empfaenger: string | null;
  metadaten: MetadataField[];
  vertraulichkeit: Vertraulichkeit;
  version: number;
  sha256: string;
  groesse: number;
  mime: string;
  dateiname: string;
  textStatus: 'pending' | 'done' | 'failed';
  textFehler: string | null;
  parentDokumentId: string | null;
  createdAt: string;
  createdBy: string;
};

export type DokumentInput = {
  titel?: string | null;
  art?: 'eingang' | 'ausgang' | 'intern';
  datum?: string | null;
  absender?: string | null;
  empfaenger?: string | null;
  metadaten?: MetadataField[];
  vertraulichkeit?: Vertraulichkeit;
};

/** What a filing takes besides the file: the fields of the form, and the e-mail a file came with. */
export type DokumentFields = DokumentInput & { parentDokumentId?: string | null };

/**
 * The text of a file read before filing by the extraction's own parsers, when that was the whole
 * extraction (extraction-pool `parseOnly`; the bulk import reads while the file is at hand): the
 * document is filed with it, searchable at once, and no extraction job is queued.
 */
export type KnownText = { text: string; extractor: string; seiten: number | null };

export type UploadedFile = { fileName: string; blob: StoredBlob; text?: KnownText };

/** What a new document takes from its Vorgang and Akte (unit, default Vertraulichkeit, index terms). */
export type VorgangContext = {
  id: string;
  akte_id: string;
  akte_status: 'offen' | 'zda';
  unit_id: string;
  vertraulichkeit: Vertraulichkeit;
  aktenzeichen: string;
  akte_titel: string;
  betreff: string;
  externe_referenz: string | null;
  kennzeichen: string;
};

/** The Vorgang a document is filed into; with its context when the caller has it (one query less). */
export type FilingVorgang = { id: string; akteId: string; context?: VorgangContext };

const METADATA_TYPES = ['text', 'zahl', 'datum', 'ja-nein'] as const;
export function validateMetadata(fields: unknown): MetadataField[] {
  if (fields === undefined || fields === null) return [];
  if (!Array.isArray(fields) || fields.length > 50) throw metadataNotAList();
  return fields.map((f, i) => {
    const field = f as Record<string, unknown>;
    const name = String(field?.name ?? '').trim();
    const typ = String(field?.typ ?? 'text') as MetadataField['typ'];
    const wert = field?.wert;
    const fail = (de: string) => metadataInvalid(i + 1, name, de);
    if (!name || name.length > 100) throw fail('Name fehlt oder ist zu lang.');
    if (!(METADATA_TYPES as readonly string[]).includes(typ))
      throw fail('Typ muss text, zahl, datum oder ja-nein sein.');
    if (typ === 'zahl' && (typeof wert !== 'number' || !Number.isFinite(wert))) throw fail('keine Zahl.');
    if (typ === 'ja-nein' && typeof wert !== 'boolean') throw fail('muss ja (true) oder nein (false) sein.');
    if (typ === 'datum' && (typeof wert !== 'string' || !checkDate(wert, name)))
      throw fail('Datum JJJJ-MM-TT.');
    if (typ === 'text' && (typeof wert !== 'string' || wert.length > 2000))
      throw fail('Text bis 2000 Zeichen.');
    return { name, typ, wert: wert as MetadataField['wert'] };
  });
}

/** Type (from the content, not the name) and the stored file name of an uploaded version. */
export function versionFile(file: UploadedFile) {
  const type = detectContentType(file.blob.head, file.fileName);
  const dateiname = safeFileName(stripBidiControls(file.fileName), type.extension);
  return { mime: type.mime, dateiname };
}

/** The checked values of a new document: title (from the file name if none), metadata, date, parties. */
export function newDokumentValues(file: UploadedFile, fields: DokumentFields) {
  const { mime, dateiname } = versionFile(file);
  return {
    mime,
    dateiname,
    titel: (fields.titel?.trim() || dateiname.replace(/\.[^.]+$/, '') || dateiname).slice(0, 500),
    metadaten: validateMetadata(fields.metadaten),
    datum: checkDate(fields.datum, 'datum'),
    absender: fields.absender?.trim() || null,
    empfaenger: fields.empfaenger?.trim() || null,
  };
}

/** The columns a change of a document's fields sets (only the fields given). */
export function dokumentChanges(input: DokumentInput) {
  const set: Record<string, unknown> = { updated_at: new Date() };
  if (input.titel !== undefined && input.titel !== null) set.titel = input.titel.trim().slice(0, 500);
  if (input.art !== undefined) set.art = input.art;
  if (input.datum !== undefined) set.datum = checkDate(input.datum, 'datum');
  if (input.absender !== undefined) set.absender = input.absender?.trim() || null;
  if (input.empfaenger !== undefined) set.empfaenger = input.empfaenger?.trim() || null;
  if (input.metadaten !== undefined) set.metadaten = JSON.stringify(validateMetadata(input.metadaten));
  if (input.vertraulichkeit !== undefined) set.vertraulichkeit = input.vertraulichkeit;
  return set;
}
