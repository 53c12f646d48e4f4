export const VORGANG_STATUS = [
  'neu',
  'in-bearbeitung',
  'nachforderung',
  'ruhend',
  'beschieden',
  'abgelehnt',
  'zurueckgezogen',
  'abgeschlossen',
] as const;
export type VorgangStatus = (typeof VORGANG_STATUS)[number];
export const vorgangStatusLabels: Record<VorgangStatus, string> = {
  neu: 'neu',
  'in-bearbeitung': 'in Bearbeitung',
  nachforderung: 'Nachforderung',
  ruhend: 'ruhend',
  beschieden: 'beschieden',
  abgelehnt: 'abgelehnt',
  zurueckgezogen: 'zurückgezogen',
  abgeschlossen: 'abgeschlossen',
};

/** Vorgänge still being worked on (the Postkorb shows only these). */
export const OPEN_VORGANG_STATUS: VorgangStatus[] = ['neu', 'in-bearbeitung', 'nachforderung', 'ruhend'];

export type Vorgang = {
  id: string;
  akteId: string;
  aktenzeichen: string;
  akteTitel: string;
  betreff: string;
  status: VorgangStatus;
  eingangsdatum: string;
  frist: string | null;
  wiedervorlage: string | null;
  zustaendigUserId: string | null;
  zustaendigPerson: string | null;
  zustaendigOeId: string | null;
  zustaendigOe: string | null;
  externeReferenz: string | null;
  createdAt: string;
  dokumente: number;
  akteStatus: 'offen' | 'zda';
};

export type CreateVorgangInput = {
  betreff: string;
  eingangsdatum?: string | null;
  frist?: string | null;
  wiedervorlage?: string | null;
  zustaendigPerson?: string | null;
  zustaendigOe?: string | null;
  externeReferenz?: string | null;
  /** The Fachverfahren creating it: its external reference is unique per county and Fachverfahren. */
  fachverfahrenId?: string | null;
  /** zustaendigOe is an id read from the county's own data (no lookup needed). */
  zustaendigOeIstId?: boolean;
};

export type UpdateVorgangInput = Partial<CreateVorgangInput> & { status?: VorgangStatus };

/** An external reference as stored: trimmed, empty means none. */
export const normalizeExterneReferenz = (value: string | null | undefined) => value?.trim() || null;

/** The fields a change actually set (for the audit event). */
export const changedFields = (input: object) =>
  Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
