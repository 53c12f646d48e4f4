import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../../shared/errors.ts';

/** Errors of the amendment process: stable codes, one German text each. */
export const aenderungenErrors = {
  notFound: () => notFound('aenderung', 'Die Änderung der Zweckvereinbarung'),
  onlyServiceteam: () =>
    forbidden(
      'verbund-admin required',
      'Änderungen der Zweckvereinbarung führt das Serviceteam (Verbund-Administration).',
    ),
  notAParty: () => forbidden('not a party', 'Ihr Landkreis ist an dieser Änderung nicht beteiligt.'),
  kostenschluessel: (text: string) =>
    badRequest('aenderung.kostenschluessel_invalid', 'invalid cost key', text),
  unknownCounty: (id: string) =>
    unprocessable(
      'aenderung.landkreis_unbekannt',
      `unknown county ${id}`,
      `Der Landkreis „${id}“ ist weder Mitglied noch als beitretender Landkreis bekannt.`,
    ),
  alreadyMember: (id: string) =>
    conflict(
      'aenderung.schon_mitglied',
      `${id} is a member`,
      `Der Landkreis „${id}“ ist schon Mitglied der Zweckvereinbarung.`,
    ),
  notMember: (id: string) =>
    unprocessable(
      'aenderung.kein_mitglied',
      `${id} is not a member`,
      `Der Landkreis „${id}“ ist nicht Mitglied der Zweckvereinbarung und kann nicht austreten.`,
    ),
  candidateClash: (id: string) =>
    conflict(
      'aenderung.beitritt_offen',
      `${id} already has an open amendment`,
      `Für den Landkreis „${id}“ ist schon eine Änderung in Beratung.`,
    ),
  wrongState: (act: string, status: string) =>
    conflict(
      'aenderung.falscher_stand',
      `${act} not possible in state ${status}`,
      `${act} ist im Stand „${status}“ nicht möglich.`,
    ),
  notResolvedYet: () =>
    conflict(
      'aenderung.nicht_beschlossen',
      'the county has not resolved yet',
      'Unterzeichnet werden kann erst nach dem Beschluss des Kreistages.',
    ),
  dateOrder: (text: string) => unprocessable('aenderung.datum', 'date out of order', text),
};
