import { badRequest, forbidden, notFound, unprocessable } from '../../shared/errors.ts';

/** Errors of the steering module, stable codes with German texts. */
export const steuerungErrors = {
  kreisschluessel: (value: string) =>
    badRequest(
      'steuerung.kreisschluessel_invalid',
      `invalid Kreisschlüssel ${value}`,
      `Der Kreisschlüssel „${value}“ ist ungültig: erwartet werden fünf Ziffern, z. B. 16061.`,
    ),
  schluessel: (value: string) =>
    badRequest(
      'steuerung.schluessel_invalid',
      `unknown cost key ${value}`,
      `Unbekannter Kostenschlüssel „${value}“. Erlaubt: gleich, einwohner, nutzung, mix.`,
    ),
  betrag: (value: string) =>
    badRequest(
      'steuerung.betrag_invalid',
      `invalid amount ${value}`,
      `Der Betrag „${value}“ ist ungültig: erwartet wird ein Euro-Betrag ≥ 0 mit höchstens zwei Nachkommastellen, z. B. 240000 oder 1234,56.`,
    ),
  jahr: (value: string) =>
    badRequest(
      'steuerung.jahr_invalid',
      `invalid year ${value}`,
      `Das Jahr „${value}“ ist ungültig (2000–2100).`,
    ),
  datum: (value: string) =>
    badRequest(
      'steuerung.datum_invalid',
      `invalid date ${value}`,
      `Das Datum „${value}“ ist ungültig (JJJJ-MM-TT).`,
    ),
  nameFehlt: (kreisschluessel: string) =>
    badRequest(
      'steuerung.name_missing',
      `name of ${kreisschluessel} missing`,
      `Der Landkreis ${kreisschluessel} ist kein Mitglied: bitte seinen Namen angeben (--name).`,
    ),
  gruendungsmitglied: (name: string) =>
    unprocessable(
      'steuerung.founder',
      `${name} is a founding member`,
      `${name} ist Gründungsmitglied der Zweckvereinbarung; es gibt keinen Beitritt zu simulieren.`,
    ),
  einwohnerFehlen: (name: string) =>
    unprocessable(
      'steuerung.einwohner_missing',
      `population of ${name} missing`,
      `Für ${name} ist keine Einwohnerzahl erfasst; der Schlüssel „einwohner“ braucht sie (verbund steuerung einwohner).`,
    ),
  anteilFehlt: (name: string) =>
    unprocessable(
      'steuerung.anteil_missing',
      `fixed share of ${name} missing`,
      `Der Kostenschlüssel der Änderung nennt keinen Anteil für ${name}.`,
    ),
  poolFehlt: (jahr: number) => notFound('kostenpool', `Der Kostenpool des Jahres ${jahr}`),
  unbekannterLandkreis: (id: string) =>
    badRequest('steuerung.tenant_unknown', `unknown tenant ${id}`, `Unbekannter Landkreis: ${id}`),
  kennzahlUnbekannt: (key: string) => notFound('steuerung.kennzahl', `Die Kennzahl „${key}“`),
  nurServiceteam: () => forbidden('verbund-admin required', 'Das darf nur das Serviceteam (verbund-admin).'),
};
