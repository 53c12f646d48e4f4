import type { Tabelle } from '../../../platform/export/tabelle.ts';

/** Fördermittel: a Bewilligung and its expenses, flags and the Verwendungsnachweis as tables. */
export const KATEGORIEN = ['personal', 'sachkosten', 'investition', 'sonstiges'] as const;
export type Kategorie = (typeof KATEGORIEN)[number];
export const KATEGORIE_NAMEN: Record<Kategorie, string> = {
  personal: 'Personalausgaben',
  sachkosten: 'Sachausgaben',
  investition: 'Investitionen',
  sonstiges: 'Sonstige Ausgaben',
};

export type Bewilligung = {
  id: string;
  zuwendungsgeber: string;
  programm: string;
  aktenzeichen: string;
  zweck: string;
  /** basis points: 10000 = 100 % */
  foerdersatzBp: number;
  zuwendungsfaehigCent: number;
  von: string;
  bis: string;
  sachbericht: string;
  beispiel: boolean;
};

export type Ausgabe = {
  id: string;
  datum: string;
  betragCent: number;
  kategorie: Kategorie;
  text: string;
  belegDokumentId: string | null;
  belegTitel: string | null;
  beispiel: boolean;
};

export type Hinweis = 'ausserhalb_zeitraum' | 'ueber_betrag' | 'beleg_fehlt';
export const HINWEIS_TEXTE: Record<Hinweis, string> = {
  ausserhalb_zeitraum: 'außerhalb des Bewilligungszeitraums',
  ueber_betrag: 'über den zuwendungsfähigen Ausgaben',
  beleg_fehlt: 'Beleg fehlt',
};

/** Short forms for the narrow column of the PDF table (explained under it). */
export const HINWEIS_KURZ: Record<Hinweis, string> = {
  ausserhalb_zeitraum: 'außerhalb Zeitraum',
  ueber_betrag: 'über Betrag',
  beleg_fehlt: 'ohne Beleg',
};

/** The grant: eligible expenses × rate, in cent (rounded half up). */
export const zuwendungCent = (b: Pick<Bewilligung, 'foerdersatzBp' | 'zuwendungsfaehigCent'>) =>
  Math.floor((b.zuwendungsfaehigCent * b.foerdersatzBp + 5000) / 10000);

/**
 * Flags per expense, in date order: outside the period (before `von` or after `bis`), above the
 * eligible amount (the running sum of the expenses inside the period passes it – the expense that
 * crosses the line and all after it), receipt missing. Expenses outside the period do not count
 * towards the eligible sum.
 */
export function pruefeAusgaben({ bewilligung, ausgaben }: { bewilligung: Bewilligung; ausgaben: Ausgabe[] }) {
  const sortiert = [...ausgaben].sort((a, b) => a.datum.localeCompare(b.datum) || a.id.localeCompare(b.id));
  let laufend = 0;
  const geprueft = sortiert.map((a) => {
    const hinweise: Hinweis[] = [];
    const imZeitraum = a.datum >= bewilligung.von && a.datum <= bewilligung.bis;
    if (!imZeitraum) hinweise.push('ausserhalb_zeitraum');
    else {
      laufend += a.betragCent;
      if (laufend > bewilligung.zuwendungsfaehigCent) hinweise.push('ueber_betrag');
    }
    if (!a.belegDokumentId) hinweise.push('beleg_fehlt');
    return { ...a, hinweise, laufendCent: laufend };
  });
  const summeCent = sortiert.reduce((s, a) => s + a.betragCent, 0);
  const anrechenbarCent = Math.min(laufend, bewilligung.zuwendungsfaehigCent);
  const jeKategorie = Object.fromEntries(
    KATEGORIEN.map((k) => [
      k,
      sortiert.filter((a) => a.kategorie === k).reduce((s, a) => s + a.betragCent, 0),
    ]),
  ) as Record<Kategorie, number>;
  return {
    ausgaben: geprueft,
    summeCent,
    imZeitraumCent: laufend,
    anrechenbarCent,
    restCent: bewilligung.zuwendungsfaehigCent - laufend,
    ueberschreitungCent: Math.max(0, laufend - bewilligung.zuwendungsfaehigCent),
    zuwendungCent: zuwendungCent(bewilligung),
    /** what the grant covers of the eligible spending so far */
    gefoerdertCent: Math.floor((anrechenbarCent * bewilligung.foerdersatzBp + 5000) / 10000),
    jeKategorie,
    hinweise: {
      ausserhalbZeitraum: geprueft.filter((a) => a.hinweise.includes('ausserhalb_zeitraum')).length,
      ueberBetrag: geprueft.filter((a) => a.hinweise.includes('ueber_betrag')).length,
      belegFehlt: geprueft.filter((a) => a.hinweise.includes('beleg_fehlt')).length,
    },
  };
}

export type Pruefung = ReturnType<typeof pruefeAusgaben>;

const euroZahl = (cent: number) => cent / 100;
const BEISPIEL = 'Beispieldaten: Angaben, die das Ausgangsdokument nicht nennt, sind erfunden.';

/** Zahlenmäßiger Nachweis: every expense with its flags (the CSV/XLSX download and the PDF table). */
export function belegliste({
  bewilligung,
  pruefung,
}: {
  bewilligung: Bewilligung;
  pruefung: Pruefung;
}): Tabelle {
  return {
    titel: `Zahlenmäßiger Nachweis ${bewilligung.aktenzeichen}`,
    spalten: [
      { name: 'Nr.', art: 'ganzzahl' },
      { name: 'Datum', art: 'datum' },
      { name: 'Kategorie' },
      { name: 'Verwendungszweck' },
      { name: 'Betrag', art: 'euro' },
      { name: 'Summe im Zeitraum', art: 'euro' },
      { name: 'Beleg' },
      { name: 'Hinweise' },
    ],
    zeilen: pruefung.ausgaben.map((a, i) => [
      i + 1,
      a.datum,
      KATEGORIE_NAMEN[a.kategorie],
      a.text,
      euroZahl(a.betragCent),
      euroZahl(a.laufendCent),
      a.belegTitel ?? null,
      [...a.hinweise.map((h) => HINWEIS_TEXTE[h]), ...(a.beispiel ? ['Beispieldaten'] : [])].join('; ') ||
        null,
    ]),
    hinweis: bewilligung.beispiel || pruefung.ausgaben.some((a) => a.beispiel) ? BEISPIEL : undefined,
  };
}

/** The summary by category against the eligible amount (the chart „Ausgaben gegen die Bewilligung“). */
export function uebersichtTabelle({
  bewilligung,
  pruefung,
}: {
  bewilligung: Bewilligung;
  pruefung: Pruefung;
}): Tabelle {
  const zeilen = KATEGORIEN.filter((k) => pruefung.jeKategorie[k] > 0).map((k) => [
    KATEGORIE_NAMEN[k],
    euroZahl(pruefung.jeKategorie[k]),
  ]);
  return {
    titel: `Ausgaben gegen die Bewilligung ${bewilligung.aktenzeichen}`,
    spalten: [{ name: 'Position' }, { name: 'Betrag', art: 'euro' }],
    zeilen: [
      ['Zuwendungsfähige Ausgaben (bewilligt)', euroZahl(bewilligung.zuwendungsfaehigCent)],
      ...zeilen,
      ['Ausgaben gesamt', euroZahl(pruefung.summeCent)],
      ['davon im Bewilligungszeitraum', euroZahl(pruefung.imZeitraumCent)],
      ['Noch verfügbar', euroZahl(Math.max(0, pruefung.restCent))],
      ['Überschreitung', euroZahl(pruefung.ueberschreitungCent)],
    ],
    hinweis: bewilligung.beispiel ? BEISPIEL : undefined,
  };
}

/** „90 %“ from basis points; "12,5 %" where needed. */
export const prozent = (bp: number) =>
  `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(bp / 100)} %`;
