import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  checkDeclaredSizes,
  InflatedTooLarge,
  inflateDeclared,
  type ZipEntry,
  ZipRefused,
  zipEntries,
} from '../../../platform/parsers/bounded-unzip.ts';

/**
 * xdomea import: reads an `Abgabe.Abgabe.0401` or `Aussonderung.Aussonderung.0503` zip (xdomea 3.0.0
 * or 3.1.0) into a plain Akte → Vorgänge → Dokumente → Dateien structure. The zip comes from outside,
 * so it is treated as hostile: sizes are checked on the declared values before anything is inflated
 * and counted again while inflating, entry names must be plain relative paths, and the XML may carry
 * no DTD (XXE, entity expansion). It runs in a bounded parser process (xdomea.usecases.ts).
 */

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

const MIB = 1024 * 1024;
export const XDOMEA_LIMITS = {
  maxEntries: 10_000,
  maxEntryBytes: 100 * MIB,
  maxTotalBytes: 500 * MIB,
  /** Deflate rarely beats 1:200 on real files; zeros reach 1:1000 (the zip bomb signature). */
  maxRatio: 200,
  /** Small entries may compress well (XML, text); the ratio only matters for larger ones. */
  ratioFromBytes: MIB,
};

const NAMESPACES = {
  'urn:xoev-de:xdomea:schema:3.0.0': '3.0.0',
  'urn:xoev-de:xdomea:schema:3.1.0': '3.1.0',
} as const;
const MESSAGE_TYPES = ['Abgabe.Abgabe.0401', 'Aussonderung.Aussonderung.0503'] as const;
type MessageType = (typeof MESSAGE_TYPES)[number];

const refuse = (code: string, message: string, messageDe: string) =>
  new XdomeaRefused(`xdomea.${code}`, message, messageDe);

/** Names that could escape the extraction directory or mean something else on Windows. */
function unsafeEntryName(name: string): boolean {
  return (
    name.includes('..') ||
    name.startsWith('/') ||
    name.startsWith('\\') ||
    name.includes('\\') ||
    name.includes('\0')
  );
}

/** The zip entry each unpacked file came from (for readXdomeaZipTask, which returns locations). */
const unpackedFrom = new WeakMap<Uint8Array, ZipEntry>();

/** The zip entry a file returned by readXdomeaZip was unpacked from. */
export const unpackedEntry = (bytes: Uint8Array) => unpackedFrom.get(bytes);

/**
 * Checks every entry on its declared sizes while reading the central directory (nothing inflated
 * yet), then inflates with the output counted: an entry that grows past its declared size is
 * refused at that byte ("zu groß entpackt"), so a lying entry costs no more than it declares; one
 * that stays short of it is refused as well. CRCs are not verified.
 */
function unzipChecked(zip: Uint8Array): Map<string, Uint8Array> {
  const declared = new Map<string, number>();
  let total = 0;
  const inspect = (file: ZipEntry) => {
    if (declared.size >= XDOMEA_LIMITS.maxEntries)
      throw refuse(
        'zip_too_many_entries',
        `more than ${XDOMEA_LIMITS.maxEntries} entries`,
        `Das Archiv enthält mehr als ${XDOMEA_LIMITS.maxEntries.toLocaleString('de-DE')} Dateien.`,
      );
    if (unsafeEntryName(file.name))
      throw refuse(
        'zip_unsafe_name',
        `unsafe entry name ${JSON.stringify(file.name)}`,
        `Das Archiv enthält einen unzulässigen Dateinamen („${file.name}“); Pfadangaben wie „..“, „/“ am Anfang oder „\\“ sind nicht erlaubt.`,
      );
    total = checkDeclaredSizes(file, {
      limits: XDOMEA_LIMITS,
      total,
      tooLargeTogether: {
        message: `uncompressed content larger than ${XDOMEA_LIMITS.maxTotalBytes} bytes`,
        messageDe: `Der entpackte Inhalt des Archivs ist größer als ${XDOMEA_LIMITS.maxTotalBytes / MIB} MiB.`,
      },
    });
    if (declared.has(file.name))
      throw refuse(
        'zip_duplicate_name',
        `duplicate entry ${file.name}`,
        `Das Archiv enthält die Datei „${file.name}“ mehrfach.`,
      );
    declared.set(file.name, file.declaredSize);
  };

  const out = new Map<string, Uint8Array>();
  try {
    const entries: ZipEntry[] = [];
    for (const entry of zipEntries(zip)) {
      inspect(entry);
      if (!entry.name.endsWith('/')) entries.push(entry);
    }
    for (const entry of entries) {
      const bytes = inflateDeclared(zip, entry);
      out.set(entry.name, bytes);
      unpackedFrom.set(bytes, entry);
    }
  } catch (error) {
    if (error instanceof XdomeaRefused) throw error;
    if (error instanceof ZipRefused) throw refuse(error.code, error.message, error.messageDe);
    if (error instanceof InflatedTooLarge)
      throw refuse(
        'zip_too_large_unpacked',
        `entry ${error.entry} inflates beyond its declared size of ${error.limit} bytes`,
        `Die Datei „${error.entry}“ im Archiv ist zu groß entpackt: sie wird beim Entpacken größer als angegeben (${error.limit.toLocaleString('de-DE')} Byte); das Archiv wird nicht übernommen.`,
      );
    throw refuse(
      'zip_invalid',
      `not a readable zip: ${(error as Error).message}`,
      'Die Datei ist kein gültiges ZIP-Archiv oder beschädigt.',
    );
  }
  return out;
}

/**
 * The root element's start tag — qualified name and attributes — found without parsing: BOM, XML
 * declaration, comments, processing instructions and a DOCTYPE (with internal subset) are skipped.
 * Enough to tell the message from primary documents that happen to be XML, and to read its namespace.
 */
function rootElement(text: string): { qname: string; attributes: Map<string, string> } | null {
  const past = (token: string, from: number) => {
    const found = text.indexOf(token, from);
    return found < 0 ? -1 : found + token.length;
  };
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (text.startsWith('<?', at)) at = past('?>', at);
    else if (text.startsWith('<!--', at)) at = past('-->', at);
    else if (text.startsWith('<!', at)) {
      const close = text.indexOf('>', at);
      const open = text.indexOf('[', at);
      const subset = open >= 0 && (close < 0 || open < close) ? past(']', open) : at;
      at = subset < 0 ? -1 : past('>', subset);
    } else break;
    if (at < 0) return null;
  }
  const qname = /^<([^\s/>]+)/.exec(text.slice(at, at + 256))?.[1];
  if (!qname) return null;
  const attributes = new Map<string, string>();
  const attribute = /\s+([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
  attribute.lastIndex = at + 1 + qname.length;
  for (let match = attribute.exec(text); match; match = attribute.exec(text))
    attributes.set(match[1]!, match[2] ?? match[3] ?? '');
  return { qname, attributes };
}

/** The root element of a zip member; bytes are read as Latin-1, which never fails and keeps ASCII. */
function sniffRoot(bytes: Uint8Array) {
  const utf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return rootElement(new TextDecoder('latin1').decode(bytes.subarray(utf8Bom ? 3 : 0, 64 * 1024)));
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/** The single top-level XML file whose root element is one of the two supported messages. */
function findMessage(files: Map<string, Uint8Array>): { name: string; bytes: Uint8Array } {
  const candidates = [...files].filter(([name, bytes]) => {
    if (name.includes('/') || !name.toLowerCase().endsWith('.xml')) return false;
    const root = sniffRoot(bytes);
    return root !== null && (MESSAGE_TYPES as readonly string[]).includes(localName(root.qname));
  });
  if (candidates.length === 0)
    throw refuse(
      'no_message',
      'no Abgabe.Abgabe.0401 or Aussonderung.Aussonderung.0503 message at the top level of the zip',
      'Das Archiv enthält keine xdomea-Nachricht „Abgabe.Abgabe.0401“ oder „Aussonderung.Aussonderung.0503“ (erwartet als XML-Datei auf oberster Ebene).',
    );
  if (candidates.length > 1)
    throw refuse(
      'several_messages',
      `several message files: ${candidates.map(([n]) => n).join(', ')}`,
      `Das Archiv enthält mehrere xdomea-Nachrichten (${candidates.map(([n]) => n).join(', ')}); erwartet wird genau eine.`,
    );
  const [name, bytes] = candidates[0]!;
  return { name, bytes };
}

/**
 * Decodes the message text: strict UTF-8 (a wrong byte is an error, not U+FFFD), and no DTD at all
 * — refused before any parser sees it, so neither external entities (XXE) nor entity expansion
 * (billion laughs) can happen; only the five predefined entities and character references remain.
 */
function decodeMessage(name: string, bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw refuse(
      'xml_encoding',
      `${name} is not valid UTF-8`,
      `Die Nachricht „${name}“ ist nicht gültig UTF-8-kodiert.`,
    );
  }
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (declared && !/^utf-?8$/i.test(declared))
    throw refuse(
      'xml_encoding',
      `${name} declares encoding ${declared}`,
      `Die Nachricht „${name}“ ist als „${declared}“ deklariert; xdomea-Nachrichten müssen UTF-8-kodiert sein.`,
    );
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text))
    throw refuse(
      'xml_dtd',
      'DOCTYPE and entity declarations are not accepted (XXE / entity expansion)',
      'Die Nachricht enthält eine Dokumenttyp-Deklaration (DOCTYPE) oder Entitäten; diese sind aus Sicherheitsgründen nicht erlaubt.',
    );
  return text;
}

type Node = Record<string, unknown>;

const PREDEFINED_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
/** Named references outside CDATA sections and comments; numeric character references are skipped. */
const REFERENCES = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|&([^#;\s&<]*);/g;

/** The first named entity reference that is not one of XML's five predefined ones, if any. */
function undeclaredEntity(text: string): string | null {
  for (const match of text.matchAll(REFERENCES))
    if (match[1] !== undefined && !PREDEFINED_ENTITIES.has(match[1])) return match[1];
  return null;
}

function parseMessage(text: string): Node {
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw refuse(
      'xml_malformed',
      `malformed XML: ${valid.err.msg} (line ${valid.err.line})`,
      `Die Nachricht ist kein wohlgeformtes XML (Zeile ${valid.err.line}: ${valid.err.msg}).`,
    );
  // Without a DTD any other named entity is a well-formedness error; refusing it here is what lets
  // the parser run with `htmlEntities` (needed for numeric references like &#220;) without ever
  // resolving an HTML name such as &nbsp;.
  const entity = undeclaredEntity(text);
  if (entity !== null)
    throw refuse(
      'xml_malformed',
      `undeclared entity &${entity};`,
      `Die Nachricht verwendet die nicht definierte Entität „&${entity};“ (erlaubt sind nur &amp;, &lt;, &gt;, &quot;, &apos; und Zeichenreferenzen).`,
    );
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    // Despite the name this only adds numeric character references (&#220;, &#xDC;) here: named
    // ones beyond the predefined five were refused above.
    htmlEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  try {
    return parser.parse(text) as Node;
  } catch (error) {
    throw refuse(
      'xml_malformed',
      `malformed XML: ${(error as Error).message}`,
      `Die Nachricht ist kein wohlgeformtes XML: ${(error as Error).message}`,
    );
  }
}

/** fast-xml-parser gives one child as a value and several as an array; this evens it out. */
const list = (value: unknown): Node[] =>
  (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).filter(
    (v): v is Node => typeof v === 'object' && v !== null,
  );
const node = (value: unknown): Node | undefined => list(value)[0];
/** A text child, whitespace-normalised; null when absent or empty. */
function str(parent: Node | undefined, ...path: string[]): string | null {
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
class Mapper {
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

/** Reads an xdomea Abgabe (0401) or Aussonderung (0503) zip; refuses anything unsafe or incomplete. */
export function readXdomeaZip(zip: Uint8Array): ImportedXdomea {
  const files = unzipChecked(zip);
  const message = findMessage(files);
  const text = decodeMessage(message.name, message.bytes);
  const rootTag = rootElement(text);
  if (!rootTag)
    throw refuse('xml_malformed', 'message root element not found', 'Das Wurzelelement der Nachricht fehlt.');
  const nachrichtentyp = localName(rootTag.qname) as MessageType;
  const colon = rootTag.qname.indexOf(':');
  const namespace =
    rootTag.attributes.get(colon >= 0 ? `xmlns:${rootTag.qname.slice(0, colon)}` : 'xmlns') ?? null;
  const version =
    namespace !== null && Object.hasOwn(NAMESPACES, namespace)
      ? NAMESPACES[namespace as keyof typeof NAMESPACES]
      : undefined;
  if (!version)
    throw refuse(
      'unsupported_version',
      `unsupported namespace ${namespace ?? '(none)'}`,
      `Die xdomea-Version der Nachricht wird nicht unterstützt (Namensraum „${namespace ?? 'keiner'}“; unterstützt: 3.0.0 und 3.1.0).`,
    );
  const parsed = parseMessage(text);
  const root = node(parsed[nachrichtentyp]);
  if (!root)
    throw refuse('xml_malformed', 'message root element not found', 'Das Wurzelelement der Nachricht fehlt.');
  const prozessId = str(node(root.Kopf), 'ProzessID');
  if (!prozessId)
    throw refuse('header_incomplete', 'Kopf/ProzessID is missing', 'Im Nachrichtenkopf fehlt die ProzessID.');
  return { version, nachrichtentyp, prozessId, ...new Mapper(files).message(root) };
}
