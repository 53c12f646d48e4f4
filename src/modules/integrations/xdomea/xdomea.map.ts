import { type ImportedXdomea, refuse } from './xdomea.import.models.ts';
import type { Node } from './xdomea.parse.ts';

/** fast-xml-parser gives one child as a value and several as an array; this evens it out. */
export const list = (value: unknown): Node[] =>
  (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).filter(
    (v): v is Node => typeof v === 'object' && v !== null,
  );
export const node = (value: unknown): Node | undefined => list(value)[0];
/** A text child, whitespace-normalised; null when absent or empty. */
export function str(parent: Node | undefined, ...path: string[]): string | null {
  let current: unknown = parent;
  for (const name of path) {
    const here: unknown = Array.isArray(current) ? current[0] : current;
    current = here && typeof here === 'object' ? (here as Node)[name] : undefined;
  }
  const value: unknown = Array.isArray(current) ? current[0] : current;
  if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value).replace(/\s+/g, ' ').trim();
    return text === '' ? null : text;
  }
  if (value && typeof value === 'object' && '#text' in value) return str(value as Node, '#text');
  return null;
}
const xsDate = (value: string | null) =>
  value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;

type ImportedVorgang = ImportedXdomea['vorgaenge'][number];
type ImportedDokument = ImportedVorgang['dokumente'][number];

/** Mapping from the parsed message to the plain structure; primary files are looked up in the zip. */
export class Mapper {
  constructor(private readonly files: Map<string, Uint8Array>) {}

  /** A Dokument and its Anlagen (attachments are documents of their own in our model). */
  dokumente(dokument: Node): ImportedDokument[] {
    const meta = node(dokument.AllgemeineMetadaten);
    const versionen = list(dokument.Version).sort(
      (a, b) => Number(str(a, 'Nummer') ?? 0) - Number(str(b, 'Nummer') ?? 0),
    );
    const dateien: ImportedDokument['dateien'] = [];
    let ersterName: string | null = null;
    for (const version of versionen)
      for (const format of list(version.Format)) {
        const primaer = node(format.Primaerdokument);
        const dateiname = str(primaer, 'Dateiname');
        if (!dateiname) continue;
        const bytes = this.files.get(dateiname);
        const titel = str(meta, 'Betreff') ?? dateiname;
        if (!bytes)
          throw refuse(
            'primary_file_missing',
            `primary file ${dateiname} of document ${JSON.stringify(titel)} is missing from the zip`,
            `Die Datei „${dateiname}“ zum Dokument „${titel}“ fehlt im Archiv; die Abgabe ist unvollständig.`,
          );
        // The original name is what people know the file by; only its last path segment is kept.
        const original = str(primaer, 'DateinameOriginal')?.split(/[\\/]/).pop() || null;
        ersterName ??= original ?? dateiname;
        dateien.push({ dateiname: original ?? dateiname, bytes });
      }
    const datum =
      xsDate(str(dokument, 'DatumDesSchreibens')) ??
      xsDate(str(dokument, 'Posteingangsdatum')) ??
      xsDate(str(dokument, 'Postausgangsdatum'));
    const own: ImportedDokument = {
      titel: str(meta, 'Betreff') ?? ersterName ?? 'Dokument ohne Titel',
      datum,
      dateien,
    };
    return [own, ...list(dokument.Anlage).flatMap((anlage) => this.dokumente(anlage))];
  }

  /** A Vorgang, followed by its Teilvorgänge flattened (our model has no nesting of Vorgänge). */
  vorgaenge(vorgang: Node): ImportedVorgang[] {
    const meta = node(vorgang.AllgemeineMetadaten);
    const own: ImportedVorgang = {
      betreff: str(meta, 'Betreff') ?? 'Vorgang ohne Betreff',
      aktenzeichen: str(meta, 'Kennzeichen'),
      dokumente: list(vorgang.Dokument).flatMap((d) => this.dokumente(d)),
    };
    return [own, ...list(vorgang.Teilvorgang).flatMap((t) => this.vorgaenge(t))];
  }

  /** The Vorgänge of an Akte; documents filed directly in the Akte (or a Teilakte) get their own Vorgang. */
  akteninhalt(akte: Node, titel: string): ImportedVorgang[] {
    const inhalt = node(akte.Akteninhalt);
    const lose = list(inhalt?.Dokument).flatMap((d) => this.dokumente(d));
    const vorgaenge = list(inhalt?.Vorgang).flatMap((v) => this.vorgaenge(v));
    const teilakten = list(inhalt?.Teilakte).flatMap((teil) =>
      this.akteninhalt(teil, str(node(teil.AllgemeineMetadaten), 'Betreff') ?? titel),
    );
    const direkt: ImportedVorgang[] =
      lose.length > 0
        ? [
            {
              betreff: titel,
              aktenzeichen: str(node(akte.AllgemeineMetadaten), 'Kennzeichen'),
              dokumente: lose,
            },
          ]
        : [];
    return [...direkt, ...vorgaenge, ...teilakten];
  }

  /**
   * The first Akte of the message. Messages without an Akte (an Aussonderung of single Vorgänge, as
   * archives often receive) become one Akte holding all top-level Vorgänge and Dokumente.
   */
  message(root: Node): Pick<ImportedXdomea, 'akte' | 'vorgaenge'> {
    const objekte = list(root.Schriftgutobjekt);
    const akte = objekte.map((o) => node(o.Akte)).find((a) => a !== undefined);
    if (akte) {
      const meta = node(akte.AllgemeineMetadaten);
      const titel = str(meta, 'Betreff') ?? 'Akte ohne Titel';
      return {
        akte: {
          titel,
          aktenzeichen: str(meta, 'Kennzeichen'),
          kennzeichen: str(meta, 'Aktenplaneinheit', 'Kennzeichen'),
        },
        vorgaenge: this.akteninhalt(akte, titel),
      };
    }
    const vorgaenge = objekte.flatMap((o) => list(o.Vorgang));
    const dokumente = objekte.flatMap((o) => list(o.Dokument));
    if (vorgaenge.length === 0 && dokumente.length === 0)
      throw refuse(
        'no_records',
        'the message contains no Schriftgutobjekt',
        'Die Nachricht enthält kein Schriftgutobjekt.',
      );
    const first = vorgaenge[0] ?? dokumente[0]!;
    const meta = node(first.AllgemeineMetadaten);
    const titel = str(first, 'Aktenbetreff') ?? str(meta, 'Betreff') ?? 'Akte ohne Titel';
    const lose = dokumente.flatMap((d) => this.dokumente(d));
    return {
      akte: { titel, aktenzeichen: null, kennzeichen: str(meta, 'Aktenplaneinheit', 'Kennzeichen') },
      vorgaenge: [
        ...(lose.length > 0 ? [{ betreff: titel, aktenzeichen: null, dokumente: lose }] : []),
        ...vorgaenge.flatMap((v) => this.vorgaenge(v)),
      ],
    };
  }
}
