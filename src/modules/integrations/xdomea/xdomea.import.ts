import { type ImportedXdomea, type MessageType, NAMESPACES, refuse } from './xdomea.import.models.ts';
import { Mapper, node, str } from './xdomea.map.ts';
import { decodeMessage, findMessage, localName, parseMessage, rootElement } from './xdomea.parse.ts';
import { unzipChecked } from './xdomea.unzip.ts';

/**
 * xdomea import: reads an `Abgabe.Abgabe.0401` or `Aussonderung.Aussonderung.0503` zip (xdomea 3.0.0
 * or 3.1.0) into a plain Akte → Vorgänge → Dokumente → Dateien structure. The zip comes from outside,
 * so it is treated as hostile: sizes are checked on the declared values before anything is inflated
 * and counted again while inflating, entry names must be plain relative paths, and the XML may carry
 * no DTD (XXE, entity expansion). It runs in a bounded parser process (xdomea.reader.ts).
 */

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
