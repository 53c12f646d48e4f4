import { createPdfA, deDate, deTime, MARGIN, type PdfA, table } from './pdfa.ts';

export type TopForPdf = {
  nummer: string;
  titel: string;
  oeffentlich: boolean;
  drucksachenNr: string | null;
  betreff: string | null;
  beratung: { ergebnis: string; ja: number | null; nein: number | null; enthaltung: number | null } | null;
  beschluss: { nummer: string; text: string | null } | null;
};

export type SitzungForPdf = {
  koerperschaft: string;
  gremium: string;
  nummer: number;
  beginn: Date;
  ende: Date | null;
  ort: string | null;
  tops: TopForPdf[];
  mitglieder: Array<{
    name: string;
    fraktion: string | null;
    rolle: string;
    stimmberechtigt: boolean;
    anwesend: boolean;
  }>;
  stand: Date;
};

const ERGEBNIS: Record<string, string> = {
  beschlossen: 'beschlossen',
  abgelehnt: 'abgelehnt',
  vertagt: 'vertagt',
  zur_kenntnis: 'zur Kenntnis genommen',
  verwiesen: 'verwiesen',
};

const when = (s: SitzungForPdf) =>
  `${deDate(s.beginn)}, ${deTime(s.beginn)} Uhr${s.ende ? ` bis ${deTime(s.ende)} Uhr` : ''}`;

function head(pdf: PdfA, s: SitzungForPdf, title: string) {
  const { doc, field } = pdf;
  doc.font('bold').fontSize(15).text(`${s.gremium} ${s.koerperschaft.toUpperCase()}`, MARGIN);
  doc.moveDown(0.6).fontSize(13).text(`${title} der ${s.nummer}. Sitzung`);
  doc.moveDown(0.6);
  field('Zeit', when(s));
  field('Ort', s.ort ?? '');
}

function agenda(pdf: PdfA, tops: TopForPdf[], oeffentlich: boolean) {
  const part = tops.filter((t) => t.oeffentlich === oeffentlich);
  pdf.heading(oeffentlich ? 'Öffentlicher Teil' : 'Nichtöffentlicher Teil', 11);
  if (part.length === 0) return pdf.paragraph(null, 'keine Tagesordnungspunkte');
  table(
    pdf,
    [
      { title: 'TOP', width: 50 },
      { title: 'Gegenstand', width: 320 },
      { title: 'Drucksache', width: 110 },
    ],
    part.map((t) => [t.nummer, t.titel, t.drucksachenNr ?? '']),
  );
}

/** The Einladung as PDF/A: time, place, and the agenda with its public and non-public part. */
export function renderEinladungPdf(s: SitzungForPdf): Promise<Buffer> {
  const pdf = createPdfA({
    title: `Einladung zur ${s.nummer}. Sitzung: ${s.gremium}`,
    author: s.koerperschaft,
    subject: `Tagesordnung ${deDate(s.beginn)}`,
    created: s.stand,
  });
  head(pdf, s, 'Einladung zur Sitzung –');
  pdf.heading('Tagesordnung');
  agenda(pdf, s.tops, true);
  agenda(pdf, s.tops, false);
  return pdf.finish(`Einladung ${s.gremium}, ${s.nummer}. Sitzung am ${deDate(s.beginn)}`);
}

/** The Niederschrift as PDF/A: attendance, the result and votes of each item, and the Beschlüsse. */
export function renderNiederschriftPdf(s: SitzungForPdf): Promise<Buffer> {
  const pdf = createPdfA({
    title: `Niederschrift der ${s.nummer}. Sitzung: ${s.gremium}`,
    author: s.koerperschaft,
    subject: `Niederschrift ${deDate(s.beginn)}`,
    created: s.stand,
  });
  const { doc, heading, paragraph } = pdf;
  head(pdf, s, 'Niederschrift');
  const present = s.mitglieder.filter((m) => m.anwesend);
  const voting = present.filter((m) => m.stimmberechtigt).length;
  heading('Anwesenheit');
  paragraph(
    `Anwesend: ${present.length} von ${s.mitglieder.length} Mitgliedern, davon ${voting} mit Stimmrecht.`,
  );
  table(
    pdf,
    [
      { title: 'Name', width: 220 },
      { title: 'Fraktion', width: 160 },
      { title: 'anwesend', width: 100 },
    ],
    s.mitglieder.map((m) => [
      `${m.name}${m.stimmberechtigt ? '' : ' (ohne Stimmrecht)'}`,
      m.fraktion ?? '',
      m.anwesend ? 'ja' : 'nein',
    ]),
  );
  heading('Verlauf und Ergebnisse');
  for (const t of s.tops) {
    doc.moveDown(0.5).font('bold').fontSize(10.5).text(`${t.nummer}  ${t.titel}`, MARGIN);
    if (t.drucksachenNr) paragraph(`Drucksache ${t.drucksachenNr}${t.betreff ? `: ${t.betreff}` : ''}`);
    const b = t.beratung;
    if (!b) {
      paragraph('Kein Ergebnis erfasst.');
      continue;
    }
    const votes = b.ja === null ? '' : ` (Ja: ${b.ja}, Nein: ${b.nein}, Enthaltungen: ${b.enthaltung})`;
    paragraph(`Ergebnis: ${ERGEBNIS[b.ergebnis] ?? b.ergebnis}${votes}`);
    if (t.beschluss)
      paragraph(`Beschluss-Nr. ${t.beschluss.nummer}${t.beschluss.text ? `: ${t.beschluss.text}` : ''}`);
  }
  const beschluesse = s.tops.filter((t) => t.beschluss);
  heading('Beschlüsse');
  if (beschluesse.length === 0) paragraph(null, 'keine');
  else
    table(
      pdf,
      [
        { title: 'Beschluss-Nr.', width: 130 },
        { title: 'TOP', width: 50 },
        { title: 'Gegenstand', width: 300 },
      ],
      beschluesse.map((t) => [t.beschluss!.nummer, t.nummer, t.titel]),
    );
  doc
    .moveDown(2)
    .font('regular')
    .fontSize(10.5)
    .text('Vorsitz: ______________________        Schriftführung: ______________________', MARGIN);
  return pdf.finish(`Niederschrift ${s.gremium}, ${s.nummer}. Sitzung am ${deDate(s.beginn)}`);
}
