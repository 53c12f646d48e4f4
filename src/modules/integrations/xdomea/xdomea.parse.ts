import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MESSAGE_TYPES, refuse } from './xdomea.import.models.ts';

/**
 * The root element's start tag — qualified name and attributes — found without parsing: BOM, XML
 * declaration, comments, processing instructions and a DOCTYPE (with internal subset) are skipped.
 * Enough to tell the message from primary documents that happen to be XML, and to read its namespace.
 */
export function rootElement(text: string): { qname: string; attributes: Map<string, string> } | null {
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

export const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/** The single top-level XML file whose root element is one of the two supported messages. */
export function findMessage(files: Map<string, Uint8Array>): { name: string; bytes: Uint8Array } {
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
export function decodeMessage(name: string, bytes: Uint8Array): string {
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

export type Node = Record<string, unknown>;

const PREDEFINED_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
/** Named references outside CDATA sections and comments; numeric character references are skipped. */
const REFERENCES = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|&([^#;\s&<]*);/g;

/** The first named entity reference that is not one of XML's five predefined ones, if any. */
function undeclaredEntity(text: string): string | null {
  for (const match of text.matchAll(REFERENCES))
    if (match[1] !== undefined && !PREDEFINED_ENTITIES.has(match[1])) return match[1];
  return null;
}

export function parseMessage(text: string): Node {
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
