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
export const DATEIFORMAT_SONSTIGES = '100';
export const DATEIFORMAT_LIST_VERSION = '2.0';

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
export function dateiformat(dateiname: string, mime: string): { code: string; extension: string | null } {
  const fromName = extensionOf(dateiname);
  if (fromName && DATEIFORMAT[fromName]) return { code: DATEIFORMAT[fromName], extension: fromName };
  const fromMime = EXTENSION_BY_MIME[mime.split(';')[0]!.trim().toLowerCase()];
  if (fromMime) return { code: DATEIFORMAT[fromMime] ?? DATEIFORMAT_SONSTIGES, extension: fromMime };
  return { code: DATEIFORMAT_SONSTIGES, extension: fromName };
}

/** The format version where the file states it cheaply: `%PDF-1.7` → `1.7`; else empty (allowed). */
export function formatVersion(bytes: Uint8Array): string {
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
