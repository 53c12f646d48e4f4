import { createPdfA, deDate, table } from '../../../platform/pdf/pdfa.ts';
import { euro } from '../kosten/betrag.models.ts';
import {
  type Bewilligung,
  HINWEIS_KURZ,
  HINWEIS_TEXTE,
  KATEGORIE_NAMEN,
  KATEGORIEN,
  type Pruefung,
  prozent,
} from './foerdermittel.models.ts';

/**
 * The Verwendungsnachweis as PDF/A-2b: Bewilligung, Sachbericht and the zahlenmäßiger Nachweis
 * (sums by category, every expense with its receipt and flags). Sample data is said so on the
 * first page. The creation date is the end of the period, so the same data gives the same file.
 */
export function renderVerwendungsnachweis({
  bewilligung,
  pruefung,
  landkreis,
}: {
  bewilligung: Bewilligung;
  pruefung: Pruefung;
  landkreis: string;
}): Promise<Buffer> {
  const pdf = createPdfA({
    title: `Verwendungsnachweis ${bewilligung.aktenzeichen}`,
    author: landkreis,
    subject: bewilligung.programm,
    created: new Date(`${bewilligung.bis}T12:00:00Z`),
  });
  const { doc, heading, paragraph, field } = pdf;
  doc.font('bold').fontSize(16).text('Verwendungsnachweis');
  doc.font('regular').fontSize(11).text(`${landkreis} – ${bewilligung.programm}`);
  if (bewilligung.beispiel || pruefung.ausgaben.some((a) => a.beispiel))
    doc
      .moveDown(0.5)
      .font('bold')
      .fontSize(10.5)
      .text('Beispieldaten: Angaben, die das Ausgangsdokument nicht nennt, sind erfunden.');

  heading('Bewilligung');
  field('Zuwendungsgeber', bewilligung.zuwendungsgeber);
  field('Förderprogramm', bewilligung.programm);
  field('Aktenzeichen', bewilligung.aktenzeichen);
  field('Zuwendungszweck', bewilligung.zweck);
  field('Bewilligungszeitraum', `${deDate(bewilligung.von)} – ${deDate(bewilligung.bis)}`);
  field('Zuwendungsfähige Ausgaben', euro(bewilligung.zuwendungsfaehigCent));
  field('Fördersatz', prozent(bewilligung.foerdersatzBp));
  field('Zuwendung', euro(pruefung.zuwendungCent));

  heading('Sachbericht');
  paragraph(bewilligung.sachbericht, 'Noch kein Sachbericht erfasst.');

  heading('Zahlenmäßiger Nachweis');
  table(
    pdf,
    [
      { title: 'Position', width: 300 },
      { title: 'Betrag', width: 183 },
    ],
    [
      ...KATEGORIEN.filter((k) => pruefung.jeKategorie[k] > 0).map((k) => [
        KATEGORIE_NAMEN[k],
        euro(pruefung.jeKategorie[k]),
      ]),
      ['Ausgaben gesamt', euro(pruefung.summeCent)],
      ['davon im Bewilligungszeitraum', euro(pruefung.imZeitraumCent)],
      ['Zuwendungsfähige Ausgaben (bewilligt)', euro(bewilligung.zuwendungsfaehigCent)],
      ['Überschreitung', euro(pruefung.ueberschreitungCent)],
      ['Gefördert (anrechenbar × Fördersatz)', euro(pruefung.gefoerdertCent)],
    ],
  );

  heading('Belegliste', 11);
  table(
    pdf,
    [
      { title: 'Nr.', width: 24 },
      { title: 'Datum', width: 66 },
      { title: 'Verwendungszweck', width: 125 },
      { title: 'Betrag', width: 72 },
      { title: 'Beleg', width: 100 },
      { title: 'Hinweise', width: 96 },
    ],
    pruefung.ausgaben.map((a, i) => [
      String(i + 1),
      deDate(a.datum),
      `${KATEGORIE_NAMEN[a.kategorie]}: ${a.text}`,
      euro(a.betragCent),
      a.belegTitel ?? '–',
      [...a.hinweise.map((h) => HINWEIS_KURZ[h]), ...(a.beispiel ? ['Beispiel'] : [])].join(', ') || '–',
    ]),
  );
  paragraph(
    `Hinweise: ${Object.entries(HINWEIS_KURZ)
      .map(([k, kurz]) => `„${kurz}“ = ${HINWEIS_TEXTE[k as keyof typeof HINWEIS_TEXTE]}`)
      .join('; ')}; „Beispiel“ = Beispieldaten.`,
  );
  return pdf.finish(`Verwendungsnachweis ${bewilligung.aktenzeichen}`);
}
