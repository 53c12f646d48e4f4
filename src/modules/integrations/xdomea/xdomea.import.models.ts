/** What an xdomea import reads, and how it refuses: shared by unzip, parse, map and the task. */

export class XdomeaRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly messageDe: string,
  ) {
    super(message);
  }
}

export type ImportedXdomea = {
  version: '3.0.0' | '3.1.0';
  nachrichtentyp: 'Abgabe.Abgabe.0401' | 'Aussonderung.Aussonderung.0503';
  prozessId: string;
  akte: { titel: string; aktenzeichen: string | null; kennzeichen: string | null };
  vorgaenge: Array<{
    betreff: string;
    aktenzeichen: string | null;
    dokumente: Array<{
      titel: string;
      datum: string | null;
      dateien: Array<{ dateiname: string; bytes: Uint8Array }>;
    }>;
  }>;
};

export const NAMESPACES = {
  'urn:xoev-de:xdomea:schema:3.0.0': '3.0.0',
  'urn:xoev-de:xdomea:schema:3.1.0': '3.1.0',
} as const;
export const MESSAGE_TYPES = ['Abgabe.Abgabe.0401', 'Aussonderung.Aussonderung.0503'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const refuse = (code: string, message: string, messageDe: string) =>
  new XdomeaRefused(`xdomea.${code}`, message, messageDe);
