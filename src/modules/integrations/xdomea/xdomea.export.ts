import { randomUUID } from 'node:crypto';
import { strToU8, type Zippable, zipSync } from 'fflate';
import type { XdomeaAkte, XdomeaSender } from './xdomea.export.models.ts';
import { kopfXml } from './xdomea.kopf.ts';
import { akteMitInhaltXml, type PrimaryFile } from './xdomea.schriftgut.ts';
import { el, X, xdomeaUuid } from './xdomea.xml.ts';

/**
 * xdomea 3.0.0 export: an `Abgabe.Abgabe.0401` message (handing records over to another authority
 * or system) as the usual xdomea zip — the message XML plus every primary document, flat at the
 * top level. The XML is written by hand, element order following the XSD sequences exactly
 * (xdomea-Baukasten.xsd); it validates against the official schema (see xdomea.test.ts).
 */

export const XDOMEA_NS_300 = 'urn:xoev-de:xdomea:schema:3.0.0';
const ABGABE = 'Abgabe.Abgabe.0401';

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
  const umfang =
    args.onlyVorgangId === undefined
      ? `Abgabe der Akte ${akte.aktenzeichen}`
      : `Abgabe eines Vorgangs der Akte ${akte.aktenzeichen}`;

  const kopf = kopfXml({ prozessId, now, sender, umfang });
  const akteXml = akteMitInhaltXml(akte, vorgaenge, files, used);

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
