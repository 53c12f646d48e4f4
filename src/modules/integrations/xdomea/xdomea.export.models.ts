/** The Akte as the xdomea export receives it: plain data, the bytes of every version included. */

export type XdomeaDokument = {
  id: string;
  titel: string;
  /** YYYY-MM-DD */
  datum: string;
  art: 'eingang' | 'ausgang' | 'intern';
  versionen: Array<{
    version: number;
    dateiname: string;
    mime: string;
    bytes: Uint8Array;
    /** ISO timestamp */
    erstellt: string;
  }>;
};
export type XdomeaVorgang = {
  id: string;
  betreff: string;
  aktenzeichen: string;
  eingangsdatum: string;
  status: string;
  dokumente: XdomeaDokument[];
};
export type XdomeaAkte = {
  id: string;
  aktenzeichen: string;
  titel: string;
  /** Aktenplan unit, e.g. 03.10.03 */
  kennzeichen: string;
  aktenplanTitel: string;
  createdAt: string;
  closedAt: string | null;
  vorgaenge: XdomeaVorgang[];
};
export type XdomeaSender = {
  /** e.g. 'Landkreis Nordhausen' */
  behoerde: string;
  /** e.g. the Kreisschlüssel '16062' */
  kennung: string;
  /** e.g. 'Verbund E-Government' */
  system: string;
};
