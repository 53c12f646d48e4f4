import { noFileUploaded } from '../../../platform/http/multipart.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../../shared/errors.ts';
import { statusText } from './antraege.models.ts';

/** Errors of Anträge and their drafts: stable codes, German texts for people. */
export const antragErrors = {
  notFound: () => notFound('antrag', 'Der Antrag'),
  /** A tracking code that is malformed or names no Antrag (the same answer for both). */
  codeUnknown: () => notFound('antrag', 'Ein Antrag mit diesem Vorgangscode'),
  datenNotObject: () =>
    badRequest('antrag.daten', 'daten must be a JSON object', '„daten“ muss ein JSON-Objekt sein.'),
  datenNotJson: () =>
    badRequest('antrag.daten', 'daten is not JSON', 'Das Feld „daten“ ist kein gültiges JSON.'),
  leistungMissing: () => badRequest('antrag.leistung', 'leistung missing', 'Das Feld „leistung“ fehlt.'),
  gemeindeMissing: () =>
    badRequest('antrag.gemeinde', 'gemeinde missing', 'Das Feld „gemeinde“ (AGS) fehlt.'),
  unknownFileField: (field: string) =>
    new AppError({
      code: 'antrag.unknown_file_field',
      status: 422,
      message: `no file field ${field}`,
      messageDe: `Das Formular hat kein Dateifeld „${field}“.`,
    }),
  badFileField: (field: string) =>
    badRequest('antrag.file_field', `bad field path ${field}`, `Ungültiges Dateifeld „${field}“.`),
  invalid: (fehler: unknown[]) =>
    new AppError({
      code: 'antrag.invalid',
      status: 422,
      message: `${fehler.length} field(s) invalid`,
      messageDe: `Der Antrag ist unvollständig oder fehlerhaft (${fehler.length} Angabe${fehler.length === 1 ? '' : 'n'}).`,
      details: { fehler },
    }),
  caseWorkForbidden: () =>
    forbidden('sachbearbeitung required', 'Anträge bearbeiten darf nur die Sachbearbeitung.'),
  transition: (from: string, to: string) =>
    conflict(
      'antrag.transition',
      `cannot go from ${from} to ${to}`,
      `Ein Antrag im Status „${statusText(from)}“ kann nicht auf „${statusText(to)}“ gesetzt werden.`,
    ),
  nachrichtMissing: () =>
    badRequest(
      'antrag.nachricht',
      'a Nachforderung needs a message',
      'Bitte schreiben Sie, welche Unterlagen nachgereicht werden sollen.',
    ),
  bescheidWrongStatus: () =>
    badRequest(
      'antrag.bescheid',
      'a Bescheid goes with beschieden/abgelehnt',
      'Ein Bescheid gehört zu „beschieden“ oder „abgelehnt“.',
    ),
  bescheidNotInVorgang: () =>
    badRequest(
      'antrag.bescheid',
      'document not in this Vorgang',
      'Das Bescheid-Dokument gehört nicht zu diesem Vorgang.',
    ),
  noNachforderung: () =>
    conflict(
      'antrag.no_nachforderung',
      'no open Nachforderung',
      'Zu diesem Antrag wurden keine Unterlagen nachgefordert.',
    ),
  /** A Nachreichung without a file (the portal's field `dateien`). */
  noFile: () => noFileUploaded('dateien'),
  /** A Bescheid the citizen may not (or can no longer) download. */
  bescheidNotFound: () => notFound('dokument', 'Der Bescheid'),
};
