import type { XdomeaSender } from './xdomea.export.models.ts';
import { code, el, text, textRequired, xsDateTime } from './xdomea.xml.ts';

/** The Kopf of an Abgabe.0401: process id, time, sender (the county and this system), a note. */
export function kopfXml({
  prozessId,
  now,
  sender,
  umfang,
}: {
  prozessId: string;
  now: Date;
  sender: XdomeaSender;
  /** What is handed over, for the Hinweis (e.g. "Abgabe der Akte 03.10.03-1/2026"). */
  umfang: string;
}) {
  return el(
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
}
