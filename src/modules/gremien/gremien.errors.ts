import { AppError, badRequest, conflict, forbidden, notFound, unprocessable } from '../../shared/errors.ts';

/** Errors of the council module, stable codes with German texts. */
export const gremienErrors = {
  gremiumNotFound: () => notFound('gremium', 'Das Gremium'),
  vorlageNotFound: () => notFound('vorlage', 'Die Vorlage'),
  kuerzelTaken: (kuerzel: string) =>
    conflict(
      'gremium.kuerzel_taken',
      `abbreviation ${kuerzel} is in use`,
      `Das Kürzel „${kuerzel}“ hat schon ein anderes Gremium des Landkreises.`,
    ),
  nummernvorlage: (messageDe: string) =>
    badRequest('vorlage.nummernvorlage_invalid', 'invalid template of Drucksachen-Nr.', messageDe),
  nummerTaken: (nr: string) =>
    conflict(
      'vorlage.nummer_taken',
      `Drucksachen-Nr. ${nr} is in use`,
      `Die Drucksachen-Nr. „${nr}“ trägt schon eine andere Vorlage.`,
    ),
  nummerFrozen: () =>
    conflict(
      'vorlage.nummer_frozen',
      'the number of a published Vorlage cannot change',
      'Die Drucksachen-Nr. einer veröffentlichten Vorlage ist unveränderlich.',
    ),
  notEditable: (status: string) =>
    conflict(
      'vorlage.not_editable',
      `a Vorlage in state ${status} cannot be edited`,
      status === 'veroeffentlicht'
        ? 'Eine veröffentlichte Vorlage lässt sich nicht mehr ändern.'
        : 'Eine zurückgezogene Vorlage lässt sich nicht mehr ändern.',
    ),
  wrongState: (action: string, status: string) =>
    conflict(
      'vorlage.wrong_state',
      `cannot ${action} a Vorlage in state ${status}`,
      `Das geht nur mit einer Vorlage im passenden Stand (jetzt: ${statusDe(status)}).`,
    ),
  freigabeForbidden: () => forbidden('leitung required', 'Eine Vorlage freigeben darf nur die Leitung.'),
  unknownGremien: (ids: string[]) =>
    new AppError({
      code: 'vorlage.unknown_gremium',
      status: 422,
      message: `unknown Gremium in Beratungsfolge: ${ids.join(', ')}`,
      messageDe: 'Die Beratungsfolge nennt ein Gremium, das es im Landkreis nicht gibt.',
      details: { gremien: ids },
    }),
  sitzungNotFound: () => notFound('sitzung', 'Die Sitzung'),
  sitzungStatus: (from: string, to: string) =>
    conflict(
      'sitzung.status',
      `cannot change a session from ${from} to ${to}`,
      `Eine Sitzung im Stand „${sitzungStatusDe(from)}“ kann nicht „${sitzungStatusDe(to)}“ werden.`,
    ),
  agendaClosed: (status: string) =>
    conflict(
      'sitzung.agenda_closed',
      `the agenda of a session in state ${status} is closed`,
      `Die Tagesordnung einer ${status === 'abgesagt' ? 'abgesagten' : 'durchgeführten'} Sitzung ist geschlossen.`,
    ),
  unknownVorlage: () =>
    unprocessable('sitzung.unknown_vorlage', 'unknown Vorlage', 'Die Vorlage gibt es im Landkreis nicht.'),
  nonPublicVorlageInPublicPart: () =>
    unprocessable(
      'sitzung.vorlage_nicht_oeffentlich',
      'a non-public Vorlage belongs to the non-public part',
      'Eine nichtöffentliche Vorlage gehört in den nichtöffentlichen Teil der Sitzung.',
    ),
  notAPermutation: () =>
    unprocessable(
      'sitzung.reihenfolge',
      'the new order must name every agenda item exactly once',
      'Die neue Reihenfolge muss jeden Tagesordnungspunkt genau einmal nennen.',
    ),
  topNotFound: () => notFound('tagesordnungspunkt', 'Der Tagesordnungspunkt'),
  notMembers: (ids: string[]) =>
    new AppError({
      code: 'sitzung.keine_mitglieder',
      status: 422,
      message: `not members of the Gremium on the day of the session: ${ids.join(', ')}`,
      messageDe: 'Anwesend sein können nur Mitglieder des Gremiums am Tag der Sitzung.',
      details: { personen: ids },
    }),
  votesIncomplete: () =>
    badRequest(
      'beratung.stimmen_unvollstaendig',
      'give ja, nein and enthaltung together or none',
      'Ja, Nein und Enthaltungen werden zusammen angegeben (oder keine davon).',
    ),
  notInSession: (status: string) =>
    conflict(
      'beratung.keine_sitzung',
      `no deliberation in a session in state ${status}`,
      `Beratungen werden erst ab der Einladung erfasst (die Sitzung ist ${sitzungStatusDe(status)}).`,
    ),
  tooManyVotes: (sum: number, present: number) =>
    unprocessable(
      'beratung.zu_viele_stimmen',
      `${sum} votes but ${present} voting members present`,
      `Ja, Nein und Enthaltungen (${sum}) übersteigen die anwesenden Stimmberechtigten (${present}).`,
    ),
  beschlussNotFound: () => notFound('beschluss', 'Der Beschluss'),
  beschlussInUmsetzung: () =>
    conflict(
      'beratung.beschluss_in_umsetzung',
      'the resolution is being carried out',
      'Der Beschluss wird schon umgesetzt; das Ergebnis lässt sich nicht mehr ändern.',
    ),
  personNotFound: () => notFound('person', 'Die Person'),
  unknownPerson: () =>
    unprocessable('gremien.unknown_person', 'unknown person', 'Die Person gibt es im Landkreis nicht.'),
  unknownWahlperiode: () =>
    unprocessable(
      'gremien.unknown_wahlperiode',
      'unknown term',
      'Die Wahlperiode gibt es im Landkreis nicht.',
    ),
  wahlperiodeTaken: (name: string) =>
    conflict('gremien.wahlperiode_taken', `term ${name} exists`, `Die Wahlperiode „${name}“ gibt es schon.`),
  periodEndsBeforeStart: () =>
    badRequest('gremien.period_invalid', 'end before start', 'Das Ende liegt vor dem Beginn.'),
  alreadyMember: () =>
    conflict(
      'gremien.already_member',
      'the person already has a seat in this period',
      'Die Person gehört dem Gremium in diesem Zeitraum schon an.',
    ),
  seatsFull: (gremium: string, sitze: number) =>
    unprocessable(
      'gremien.seats_full',
      `all ${sitze} voting seats are taken`,
      `${gremium} hat ${sitze} Sitze mit Stimmrecht; in diesem Zeitraum sind alle besetzt.`,
    ),
  unknownOe: () =>
    new AppError({
      code: 'vorlage.unknown_oe',
      status: 422,
      message: 'unknown federführende OE',
      messageDe: 'Die federführende Organisationseinheit gibt es im Landkreis nicht.',
    }),
};

export const statusDe = (status: string) =>
  ({
    entwurf: 'Entwurf',
    freigegeben: 'freigegeben',
    veroeffentlicht: 'veröffentlicht',
    zurueckgezogen: 'zurückgezogen',
  })[status] ?? status;

const sitzungStatusDe = (status: string) =>
  ({ geplant: 'geplant', eingeladen: 'eingeladen', durchgefuehrt: 'durchgeführt', abgesagt: 'abgesagt' })[
    status
  ] ?? status;
