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
 * Decodes and parses untrusted XML safely: strict UTF-8, size limit, no DTD at all (so no XXE and
 * no entity expansion — only the five predefined and numeric character references are resolved).
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
