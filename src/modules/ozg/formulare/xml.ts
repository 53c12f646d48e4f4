import { XMLParser } from 'fast-xml-parser';

/** A namespace-stripped, order-preserving XML element. */
export type XmlElement = {
  name: string;
  prefix: string | null;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
};

export class XmlRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly messageDe: string,
  ) {
    super(message);
  }
}

export const XML_LIMIT_BYTES = 10 * 1024 * 1024;

/**
 * Structural limits of an untrusted XML document, checked by a linear scan before it is parsed
 * (the parser and the conversion to XmlElement recurse and allocate per element). Real
 * XDatenfelder files stay far below: the Bewohnerparkausweis schema has some 1,200 elements nested
 * 13 deep, its largest code list 3,300 elements.
 */
export const XML_STRUCTURE_LIMITS = {
  maxDepth: 256,
  maxElements: 1_000_000,
  maxAttributes: 1_000_000,
  maxAttributesPerElement: 256,
};

const tooComplex = (what: string, whatDe: string) =>
  new XmlRefused('xml.too_complex', `XML too complex: ${what}`, `Die XML-Datei ist zu komplex (${whatDe}).`);

/**
 * Counts nesting depth, elements and attributes in one pass over the text, refusing at the first
 * limit passed; it does not check well-formedness (the parser does). Attributes are counted as
 * quoted values inside a start tag.
 */
export function checkXmlStructure(text: string, limits = XML_STRUCTURE_LIMITS) {
  let depth = 0;
  let elements = 0;
  let attributes = 0;
  let at = text.indexOf('<');
  while (at >= 0 && at < text.length) {
    const next = text.charCodeAt(at + 1);
    let end: number;
    /** Index of the last character of `close` after `from`, or -1. */
    const through = (close: string, from: number) => {
      const found = text.indexOf(close, from);
      return found < 0 ? -1 : found + close.length - 1;
    };
    if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', at)) end = through('-->', at + 4);
      else if (text.startsWith('<![CDATA[', at)) end = through(']]>', at + 9);
      else end = through('>', at + 2);
    } else if (next === 0x3f /* ? */) end = through('?>', at + 2);
    else if (next === 0x2f /* / */) {
      end = text.indexOf('>', at + 2);
      depth--;
    } else {
      // A start tag: quoted values may hold '>', so the tag is walked up to its real end.
      let inTag = 0;
      let i = at + 1;
      end = -1;
      for (; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x22 || c === 0x27) {
          const close = text.indexOf(c === 0x22 ? '"' : "'", i + 1);
          if (close < 0) break;
          i = close;
          inTag++;
        } else if (c === 0x3e /* > */) {
          end = i;
          break;
        }
      }
      if (end < 0) return; // unterminated: the parser reports it
      elements++;
      attributes += inTag;
      if (elements > limits.maxElements)
        throw tooComplex(
          `more than ${limits.maxElements} elements`,
          `mehr als ${limits.maxElements.toLocaleString('de-DE')} Elemente`,
        );
      if (inTag > limits.maxAttributesPerElement)
        throw tooComplex(
          `an element with more than ${limits.maxAttributesPerElement} attributes`,
          `ein Element mit mehr als ${limits.maxAttributesPerElement.toLocaleString('de-DE')} Attributen`,
        );
      if (attributes > limits.maxAttributes)
        throw tooComplex(
          `more than ${limits.maxAttributes} attributes`,
          `mehr als ${limits.maxAttributes.toLocaleString('de-DE')} Attribute`,
        );
      if (depth + 1 > limits.maxDepth)
        throw new XmlRefused(
          'xml.too_deep',
          `XML nested deeper than ${limits.maxDepth} levels`,
          `Die XML-Datei ist zu tief verschachtelt (mehr als ${limits.maxDepth} Ebenen).`,
        );
      if (text.charCodeAt(end - 1) !== 0x2f /* not self-closing */) depth++;
    }
    if (end < 0) return;
    at = text.indexOf('<', end + 1);
  }
}

/**
 * Decodes and parses untrusted XML safely: strict UTF-8, size limit, no DTD at all (so no XXE and
 * no entity expansion — only the five predefined and numeric character references are resolved),
 * structural limits (depth, elements, attributes). Meant to run in a bounded parser process
 * (fim-import.task.ts), which also bounds its memory and time.
 */
export function parseUntrustedXml(bytes: Uint8Array, limit = XML_LIMIT_BYTES): XmlElement {
  if (bytes.length === 0) throw new XmlRefused('xml.empty', 'empty file', 'Die Datei ist leer.');
  if (bytes.length > limit)
    throw new XmlRefused(
      'xml.too_large',
      `XML larger than ${limit} bytes`,
      `Die XML-Datei ist größer als ${Math.round(limit / 1024 / 1024)} MiB.`,
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new XmlRefused(
      'xml.encoding',
      'the file is not valid UTF-8',
      'Die Datei ist kein gültiges UTF-8 (erwartet wird UTF-8-kodiertes XML).',
    );
  }
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text))
    throw new XmlRefused(
      'xml.dtd',
      'DTDs and entity declarations are not accepted (XXE / entity expansion)',
      'Dokumenttyp-Deklarationen (DTD) und Entitäten sind aus Sicherheitsgründen nicht erlaubt.',
    );
  checkXmlStructure(text);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    commentPropName: false as never,
    // A second line behind checkXmlStructure (which refuses deeper documents with a clear message).
    maxNestedTags: XML_STRUCTURE_LIMITS.maxDepth + 1,
  });
  let raw: unknown[];
  try {
    raw = parser.parse(text, true) as unknown[];
  } catch (error) {
    throw new XmlRefused(
      'xml.malformed',
      `malformed XML: ${(error as Error).message}`,
      `Die Datei ist kein wohlgeformtes XML: ${(error as Error).message}`,
    );
  }
  const roots = raw.map(toElement).filter((e): e is XmlElement => e !== null);
  if (roots.length !== 1)
    throw new XmlRefused('xml.malformed', 'no single root element', 'Die XML-Datei hat kein Wurzelelement.');
  return roots[0]!;
}

function toElement(node: unknown): XmlElement | null {
  if (!node || typeof node !== 'object') return null;
  const entries = Object.entries(node as Record<string, unknown>).filter(([k]) => k !== ':@');
  const [tag, content] = entries[0] ?? [];
  if (!tag || tag === '#text' || tag.startsWith('?') || tag === '#comment') return null;
  const colon = tag.indexOf(':');
  const attrs = ((node as Record<string, unknown>)[':@'] ?? {}) as Record<string, string>;
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (content as unknown[]) ?? []) {
    const c = child as Record<string, unknown>;
    if ('#text' in c) text += String(c['#text']);
    else {
      const element = toElement(child);
      if (element) children.push(element);
    }
  }
  return {
    name: colon >= 0 ? tag.slice(colon + 1) : tag,
    prefix: colon >= 0 ? tag.slice(0, colon) : null,
    attrs,
    children,
    text,
  };
}

export const child = (e: XmlElement | undefined, name: string) => e?.children.find((c) => c.name === name);
export const childrenNamed = (e: XmlElement | undefined, name: string) =>
  e?.children.filter((c) => c.name === name) ?? [];
/** Text of a descendant path, whitespace-normalised (XML line breaks and &#xD; become spaces). */
export function textAt(e: XmlElement | undefined, ...path: string[]): string {
  let current = e;
  for (const name of path) current = child(current, name);
  return (current?.text ?? '').replace(/\s+/g, ' ').trim();
}

/** The namespace URI of the root element (from its own xmlns declarations). */
export function rootNamespace(root: XmlElement): string | null {
  const key = root.prefix ? `xmlns:${root.prefix}` : 'xmlns';
  return root.attrs[key] ?? null;
}
