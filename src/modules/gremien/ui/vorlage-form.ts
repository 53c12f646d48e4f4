import { isAppError } from '../../../shared/errors.ts';
import { vorlageCreate } from '../gremien.schemas.ts';
import type { Vorlage, VorlageInput } from '../vorlagen/vorlagen.usecases.ts';
import { dayOf, isoFromInput } from './gremien-ui.kit.tsx';

export type FolgeRow = { gremiumId: string; datum: string; zustaendigkeit: string };

/** The Vorlage editor's fields as typed (strings), so a refused form comes back as it was sent. */
export type VorlageFormValues = {
  betreff: string;
  art: string;
  einreicher: string;
  federfuehrendeOeId: string;
  einreichung: string;
  beschlussvorschlag: string;
  begruendung: string;
  unterzeichner: string;
  oeffentlich: boolean;
  folge: FolgeRow[];
};

/** Field id → German message, shown at the field and in the summary. */
export type FieldErrors = Record<string, string>;

export const MAX_FOLGE_ROWS = 20;

export const emptyVorlageForm = (): VorlageFormValues => ({
  betreff: '',
  art: 'beschlussvorlage',
  einreicher: 'Verwaltung',
  federfuehrendeOeId: '',
  einreichung: '',
  beschlussvorschlag: '',
  begruendung: '',
  unterzeichner: '',
  oeffentlich: true,
  folge: [],
});

export const valuesOfVorlage = (v: Vorlage): VorlageFormValues => ({
  betreff: v.betreff,
  art: v.art,
  einreicher: v.einreicher ?? '',
  federfuehrendeOeId: v.federfuehrendeOeId ?? '',
  einreichung: v.einreichung ?? '',
  beschlussvorschlag: v.beschlussvorschlag ?? '',
  begruendung: v.begruendung ?? '',
  unterzeichner: v.unterzeichner ?? '',
  oeffentlich: v.oeffentlich,
  folge: v.beratungsfolge.map((b) => ({
    gremiumId: b.gremiumId,
    datum: b.datum ?? '',
    zustaendigkeit: b.zustaendigkeit,
  })),
});

type Posted = { get: (name: string) => string; has: (name: string) => boolean };

export function readVorlageForm(form: Posted): VorlageFormValues {
  const rows = Math.min(Number.parseInt(form.get('folge-anzahl'), 10) || 0, MAX_FOLGE_ROWS);
  return {
    betreff: form.get('betreff'),
    art: form.get('art'),
    einreicher: form.get('einreicher'),
    federfuehrendeOeId: form.get('federfuehrendeOeId'),
    einreichung: form.get('einreichung'),
    beschlussvorschlag: form.get('beschlussvorschlag'),
    begruendung: form.get('begruendung'),
    unterzeichner: form.get('unterzeichner'),
    oeffentlich: form.has('oeffentlich'),
    folge: Array.from({ length: rows }, (_, i) => ({
      gremiumId: form.get(`folge-${i}-gremium`),
      datum: form.get(`folge-${i}-datum`),
      zustaendigkeit: form.get(`folge-${i}-zustaendigkeit`) || 'entscheidung',
    })),
  };
}

const MESSAGES: Record<string, string> = {
  betreff: 'Bitte geben Sie den Betreff an (höchstens 1.000 Zeichen).',
  art: 'Bitte wählen Sie die Art der Vorlage aus der Liste.',
  einreicher: 'Der Einreicher darf höchstens 300 Zeichen lang sein.',
  federfuehrendeOeId: 'Bitte wählen Sie die federführende Organisationseinheit aus der Liste.',
  einreichung: 'Bitte geben Sie die Einreichung als Datum an (TT.MM.JJJJ).',
  beschlussvorschlag: 'Der Beschlussvorschlag darf höchstens 100.000 Zeichen lang sein.',
  begruendung: 'Die Begründung darf höchstens 200.000 Zeichen lang sein.',
  unterzeichner: 'Der Unterzeichner darf höchstens 300 Zeichen lang sein.',
  datum: 'Bitte geben Sie das Datum der Beratung als Datum an (TT.MM.JJJJ).',
  gremium: 'Bitte wählen Sie das Gremium dieser Zeile aus der Liste.',
  zustaendigkeit: 'Bitte wählen Sie die Zuständigkeit aus der Liste.',
};

/**
 * The form checked with the API's schema (`vorlageCreate`), its refusals as German messages at
 * the fields. Empty rows of the Beratungsfolge are left out.
 */
export function validateVorlage(values: VorlageFormValues): {
  input?: VorlageInput & { betreff: string };
  errors: FieldErrors;
} {
  const errors: FieldErrors = {};
  const used = values.folge.map((row, index) => ({ ...row, index })).filter((r) => r.gremiumId || r.datum);
  for (const r of used) if (!r.gremiumId) errors[`folge-${r.index}-gremium`] = MESSAGES.gremium!;
  const einreichung = isoFromInput(values.einreichung);
  const raw = {
    betreff: values.betreff,
    art: values.art,
    einreicher: values.einreicher || null,
    federfuehrendeOeId: values.federfuehrendeOeId || null,
    einreichung: einreichung || null,
    beschlussvorschlag: values.beschlussvorschlag || null,
    begruendung: values.begruendung || null,
    unterzeichner: values.unterzeichner || null,
    oeffentlich: values.oeffentlich,
    beratungsfolge: used
      .filter((r) => r.gremiumId)
      .map((r) => ({
        gremiumId: r.gremiumId,
        datum: isoFromInput(r.datum) || null,
        zustaendigkeit: r.zustaendigkeit,
      })),
  };
  const withGremium = used.filter((r) => r.gremiumId);
  const parsed = vorlageCreate.safeParse(raw);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const [field, row, part] = issue.path;
      if (field === 'beratungsfolge' && typeof row === 'number') {
        const key = part === 'datum' ? 'datum' : part === 'zustaendigkeit' ? 'zustaendigkeit' : 'gremium';
        errors[`folge-${withGremium[row]?.index ?? row}-${key}`] = MESSAGES[key]!;
      } else if (typeof field === 'string') errors[field] = MESSAGES[field] ?? MESSAGES.betreff!;
    }
  if (einreichung && !errors.einreichung && !dayOf(einreichung)) errors.einreichung = MESSAGES.einreichung!;
  for (const r of withGremium) {
    const datum = isoFromInput(r.datum);
    if (datum && !errors[`folge-${r.index}-datum`] && !dayOf(datum))
      errors[`folge-${r.index}-datum`] = MESSAGES.datum!;
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { input: parsed.data, errors };
}

/** A refusal of the use-case that belongs to a field of the editor (else null: shown above the form). */
export function fieldErrorOf(error: unknown, values: VorlageFormValues): FieldErrors | null {
  if (!isAppError(error)) return null;
  const e = error;
  if (e.code === 'vorlage.unknown_oe') return { federfuehrendeOeId: e.messageDe };
  if (e.code === 'vorlage.unknown_gremium') {
    const unknown = new Set((e.details as { gremien?: string[] } | undefined)?.gremien ?? []);
    const index = values.folge.findIndex((r) => unknown.has(r.gremiumId));
    return { [`folge-${Math.max(index, 0)}-gremium`]: e.messageDe };
  }
  return null;
}
