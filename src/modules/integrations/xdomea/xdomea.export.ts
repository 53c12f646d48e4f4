import { createHash, randomUUID } from 'node:crypto';
import { strToU8, type Zippable, zipSync } from 'fflate';

/**
 * xdomea 3.0.0 export: an `Abgabe.Abgabe.0401` message (handing records over to another authority
 * or system) as the usual xdomea zip — the message XML plus every primary document, flat at the
 * top level. The XML is written by hand, element order following the XSD sequences exactly
 * (xdomea-Baukasten.xsd); it validates against the official schema (see xdomea.test.ts).
 */

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

export const XDOMEA_NS_300 = 'urn:xoev-de:xdomea:schema:3.0.0';
const ABGABE = 'Abgabe.Abgabe.0401';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Namespace for name-based UUIDs of ids that are not UUIDs already (stable across exports). */
const ID_NAMESPACE = 'c0f3a1de-7d2e-4b7a-9a51-5d0e0a6b2f10';

/**
 * xdomea identifies every Schriftgutobjekt by a UUID (stringUUIDType). Our ids are UUIDs; anything
 * else gets a stable name-based UUID (version 5 layout, SHA-1), so repeated exports agree.
 */
export function xdomeaUuid(id: string): string {
  if (UUID.test(id)) return id.toLowerCase();
  const hash = createHash('sha1').update(`${ID_NAMESPACE}:${id}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/F). */
const XML_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping exactly these is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text and attribute content; characters XML cannot represent are dropped. */
export function escapeXml(value: string): string {
  return value
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const BERLIN_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * An xs:date for a date or timestamp, or null when there is none: timestamps are turned into the
 * calendar day in Germany (a file closed at 00:30 CEST is closed on that day, not the UTC day before).
 */
function xsDate(value: string | null | undefined): string | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Number.isNaN(Date.parse(value)) ? null : value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : BERLIN_DATE.format(new Date(time));
}

/** An xs:dateTime (UTC), or null for an unparsable value. */
function xsDateTime(value: string | Date): string | null {
  const time = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/**
 * Codes of the xdomea code list "Dateiformat" version 2.0 (urn:xoev-de:xdomea:codeliste:dateiformat),
 * keyed by file extension; `100` is "Sonstiges" (then SonstigerName names the format).
 */
const DATEIFORMAT: Record<string, string> = {
  bmp: '001',
  csv: '002',
  doc: '003',
  eml: '006',
  htm: '007',
  html: '008',
  jpe: '009',
  jpeg: '010',
  jpg: '011',
  msg: '012',
  odp: '013',
  ods: '014',
  odt: '015',
  otp: '016',
  ots: '017',
  pdf: '018',
  png: '019',
  ppt: '020',
  ps: '021',
  rtf: '022',
  tif: '023',
  tiff: '024',
  wps: '025',
  xls: '028',
  xml: '030',
  xsd: '031',
  dot: '032',
  pot: '033',
  xlt: '034',
  docx: '035',
  xlsx: '036',
  pptx: '037',
  dotx: '038',
  xltx: '039',
  potx: '040',
  ott: '043',
  txt: '045',
  p7b: '046',
  p7c: '047',
  p7m: '048',
  p7s: '049',
  asics: '050',
  scs: '051',
};
const DATEIFORMAT_SONSTIGES = '100';
const DATEIFORMAT_LIST_VERSION = '2.0';

/** File extensions for MIME types, for files stored without a (known) extension. */
const EXTENSION_BY_MIME: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/tiff': 'tif',
  'image/bmp': 'bmp',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'text/html': 'html',
  'text/xml': 'xml',
  'application/xml': 'xml',
  'application/rtf': 'rtf',
  'message/rfc822': 'eml',
  'application/vnd.ms-outlook': 'msg',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'application/pkcs7-mime': 'p7m',
  'application/pkcs7-signature': 'p7s',
};

function extensionOf(dateiname: string): string | null {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(dateiname);
  return match ? match[1]!.toLowerCase() : null;
}

/** The format of a file: the code list entry for its extension (or MIME type), else "Sonstiges". */
function dateiformat(dateiname: string, mime: string): { code: string; extension: string | null } {
  const fromName = extensionOf(dateiname);
  if (fromName && DATEIFORMAT[fromName]) return { code: DATEIFORMAT[fromName], extension: fromName };
  const fromMime = EXTENSION_BY_MIME[mime.split(';')[0]!.trim().toLowerCase()];
  if (fromMime) return { code: DATEIFORMAT[fromMime] ?? DATEIFORMAT_SONSTIGES, extension: fromMime };
  return { code: DATEIFORMAT_SONSTIGES, extension: fromName };
}

/** The format version where the file states it cheaply: `%PDF-1.7` → `1.7`; else empty (allowed). */
function formatVersion(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 16));
  return /^%PDF-(\d\.\d)/.exec(head)?.[1] ?? '';
}

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

/**
 * A file name that is safe in any zip tool and file system: umlauts spelled out, anything but
 * letters, digits, dot, dash and underscore replaced, no leading dots, bounded length.
 */
export function safeFileName(name: string, fallbackExtension: string | null): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[äöüÄÖÜß]/g, (c) => UMLAUTS[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .replace(/_+/g, '_');
  let safe = base || 'datei';
  const ext = extensionOf(safe);
  if (!ext && fallbackExtension) safe = `${safe}.${fallbackExtension}`;
  if (safe.length > 100) {
    const keep = extensionOf(safe);
    safe = keep ? `${safe.slice(0, 99 - keep.length)}.${keep}` : safe.slice(0, 100);
  }
  return safe;
}

/** A tiny element writer: children are already-serialised strings, empty/null children vanish. */
const X = 'xdomea';
function el(name: string, ...children: Array<string | null | undefined | false>): string {
  const content = children.filter((c): c is string => typeof c === 'string' && c !== '').join('');
  return `<${X}:${name}>${content}</${X}:${name}>`;
}
/** A text element, or nothing when the value is empty (all our optional elements are minOccurs=0). */
function text(name: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return `<${X}:${name}>${escapeXml(value)}</${X}:${name}>`;
}
/** A required text element (empty content is still written, e.g. Format/Version). */
function textRequired(name: string, value: string): string {
  return `<${X}:${name}>${escapeXml(value)}</${X}:${name}>`;
}
/** A code-list value (xoev-code:Code restriction): `code`/`name` are unqualified. */
function code(
  name: string,
  listUri: string | null,
  listVersion: string | null,
  value: string,
  label?: string,
) {
  const attrs =
    (listUri ? ` listURI="${escapeXml(listUri)}"` : '') +
    (listVersion ? ` listVersionID="${escapeXml(listVersion)}"` : '');
  const labelXml = label ? `<name>${escapeXml(label)}</name>` : '';
  return `<${X}:${name}${attrs}><code>${escapeXml(value)}</code>${labelXml}</${X}:${name}>`;
}

/** Everything we hold is electronic: Medium code 001 ("Elektronisch"). */
const MEDIUM_ELEKTRONISCH = code(
  'Medium',
  'urn:xoev-de:xdomea:codeliste:medium',
  '1.0',
  '001',
  'Elektronisch',
);

const DOKUMENT_TYP = { eingang: 'Eingang', ausgang: 'Ausgang', intern: 'Intern' } as const;

type PrimaryFile = { dateiname: string; bytes: Uint8Array };

/** One Dokument (DokumentType) with a Version per stored version, each with its primary file. */
function dokumentXml(dokument: XdomeaDokument, position: number, files: PrimaryFile[], used: Set<string>) {
  const uuid = xdomeaUuid(dokument.id);
  const versionen = [...dokument.versionen].sort((a, b) => a.version - b.version);
  const versionXml = versionen.map((version) => {
    const format = dateiformat(version.dateiname, version.mime);
    // stringDateinameType demands a leading UUID; the document's UUID plus the version keeps names unique.
    let dateiname = `${uuid}_v${version.version}_${safeFileName(version.dateiname, format.extension)}`;
    for (let n = 2; used.has(dateiname.toLowerCase()); n++)
      dateiname = `${uuid}_v${version.version}-${n}_${safeFileName(version.dateiname, format.extension)}`;
    used.add(dateiname.toLowerCase());
    files.push({ dateiname, bytes: version.bytes });
    const sonstigerName =
      format.code === DATEIFORMAT_SONSTIGES ? text('SonstigerName', version.mime || format.extension) : null;
    return el(
      'Version',
      textRequired('Nummer', String(version.version)),
      el(
        'Format',
        code('Name', 'urn:xoev-de:xdomea:codeliste:dateiformat', DATEIFORMAT_LIST_VERSION, format.code),
        sonstigerName,
        textRequired('Version', formatVersion(version.bytes)),
        el(
          'Primaerdokument',
          textRequired('Dateiname', dateiname),
          text('DateinameOriginal', version.dateiname),
          text('DatumUhrzeit', xsDateTime(version.erstellt)),
        ),
      ),
    );
  });
  return el(
    'Dokument',
    el(
      'Identifikation',
      textRequired('ID', uuid),
      textRequired('NummerImUebergeordnetenContainer', String(position)),
    ),
    el('AllgemeineMetadaten', text('Betreff', dokument.titel), MEDIUM_ELEKTRONISCH),
    text('DatumDesSchreibens', xsDate(dokument.datum)),
    text('Typ', DOKUMENT_TYP[dokument.art]),
    ...versionXml,
  );
}

function aktenplaneinheitXml(akte: XdomeaAkte) {
  return el(
    'Aktenplaneinheit',
    text('Kennzeichen', akte.kennzeichen),
    text('Inhaltsangabe', akte.aktenplanTitel),
  );
}

/** One Vorgang (VorgangType); the status has no xdomea element, it travels as Bemerkung. */
function vorgangXml(
  akte: XdomeaAkte,
  vorgang: XdomeaVorgang,
  position: number,
  files: PrimaryFile[],
  used: Set<string>,
) {
  const beginn = xsDate(vorgang.eingangsdatum);
  const abgeschlossen = vorgang.status === 'abgeschlossen';
  return el(
    'Vorgang',
    el(
      'Identifikation',
      textRequired('ID', xdomeaUuid(vorgang.id)),
      textRequired('NummerImUebergeordnetenContainer', String(position)),
    ),
    el(
      'AllgemeineMetadaten',
      text('Betreff', vorgang.betreff),
      text('Kennzeichen', vorgang.aktenzeichen),
      text('Bemerkung', vorgang.status ? `Bearbeitungsstatus: ${vorgang.status}` : null),
      MEDIUM_ELEKTRONISCH,
      aktenplaneinheitXml(akte),
    ),
    text('Aktenbetreff', akte.titel),
    textRequired('ZdA', abgeschlossen ? '1' : '0'),
    beginn ? el('Laufzeit', text('Beginn', beginn)) : null,
    ...vorgang.dokumente.map((d, i) => dokumentXml(d, i + 1, files, used)),
  );
}

/**
 * Builds the Abgabe message and its zip. With `onlyVorgangId` only that Vorgang is handed over,
 * still inside its Akte (so the receiver gets the Aktenzeichen and the Aktenplan context).
 */
export function buildXdomeaAbgabe(args: {
  akte: XdomeaAkte;
  onlyVorgangId?: string;
  sender: XdomeaSender;
  prozessId?: string;
  now?: Date;
}): { zip: Uint8Array; xml: string; fileName: string } {
  const { akte, sender } = args;
  const now = args.now ?? new Date();
  const prozessId = xdomeaUuid(args.prozessId ?? randomUUID());
  const vorgaenge =
    args.onlyVorgangId === undefined
      ? akte.vorgaenge
      : akte.vorgaenge.filter((v) => v.id === args.onlyVorgangId);
  if (args.onlyVorgangId !== undefined && vorgaenge.length === 0)
    throw new Error(`Vorgang ${args.onlyVorgangId} is not part of Akte ${akte.id}`);

  const files: PrimaryFile[] = [];
  const used = new Set<string>();
  const beginn = xsDate(akte.createdAt);
  const ende = xsDate(akte.closedAt);
  const umfang =
    args.onlyVorgangId === undefined
      ? `Abgabe der Akte ${akte.aktenzeichen}`
      : `Abgabe eines Vorgangs der Akte ${akte.aktenzeichen}`;

  const kopf = el(
    'Kopf',
    textRequired('ProzessID', prozessId),
    code('Nachrichtentyp', 'urn:xoev-de:xdomea:codeliste:nachrichtentyp', '2.0', '0401', 'Abgabe.Abgabe'),
    textRequired('Erstellungszeitpunkt', xsDateTime(now) ?? new Date().toISOString()),
    el(
      'Absender',
      sender.kennung
        ? el(
            'Behoerdenkennung',
            code('Behoerdenschluessel', null, null, sender.kennung, sender.behoerde || undefined),
          )
        : null,
      el('Institution', text('Name', sender.behoerde)),
    ),
    // The receiving authority is chosen when the package is sent, not when it is built.
    el('Empfaenger'),
    el('SendendesSystem', text('InstanzID', sender.kennung), text('Produktname', sender.system)),
    text('Hinweis', sender.behoerde ? `${umfang} (${sender.behoerde}).` : `${umfang}.`),
    textRequired('Importbestaetigung', '1'),
    textRequired('Empfangsbestaetigung', '0'),
  );

  const akteXml = el(
    'Akte',
    el('Identifikation', textRequired('ID', xdomeaUuid(akte.id))),
    el(
      'AllgemeineMetadaten',
      text('Betreff', akte.titel),
      text('Kennzeichen', akte.aktenzeichen),
      MEDIUM_ELEKTRONISCH,
      aktenplaneinheitXml(akte),
    ),
    beginn || ende ? el('Laufzeit', text('Beginn', beginn), text('Ende', ende)) : null,
    vorgaenge.length > 0
      ? el('Akteninhalt', ...vorgaenge.map((v, i) => vorgangXml(akte, v, i + 1, files, used)))
      : null,
    textRequired('ZdA', akte.closedAt ? '1' : '0'),
    text('ZdADatum', ende),
  );

  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<${X}:${ABGABE} xmlns:${X}="${XDOMEA_NS_300}">` +
    kopf +
    el('Schriftgutobjekt', akteXml) +
    `</${X}:${ABGABE}>\n`;

  const messageName = `${prozessId}_${ABGABE}.xml`;
  const mtime = now;
  const entries: Zippable = { [messageName]: [strToU8(xml), { level: 6, mtime }] };
  for (const file of files) entries[file.dateiname] = [file.bytes, { level: 6, mtime }];
  return { zip: zipSync(entries), xml, fileName: `${prozessId}_${ABGABE}.zip` };
}
