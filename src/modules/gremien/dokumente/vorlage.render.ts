import { createPdfA, deDate, MARGIN, table } from './pdfa.ts';

export type VorlageForPdf = {
  koerperschaft: string;
  entscheidung: string;
  art: string;
  oeffentlich: boolean;
  drucksachenNr: string;
  einreicher: string | null;
  einreichung: string | null;
  betreff: string;
  beschlussvorschlag: string | null;
  begruendung: string | null;
  unterzeichner: string | null;
  beratungsfolge: Array<{ gremium: string; datum: string | null; top: string | null }>;
  anlagen: Array<{ titel: string; oeffentlich: boolean }>;
  abstimmung: { ja: number | null; nein: number | null; enthaltung: number | null } | null;
  stand: Date;
};

const ART: Record<string, string> = {
  beschlussvorlage: 'Beschlussvorlage',
  informationsvorlage: 'Informationsvorlage',
  antrag: 'Antrag',
  anfrage: 'Anfrage',
  mitteilung: 'Mitteilung',
};

/**
 * A Vorlage as PDF/A in the layout of the source document KT/103/2020: „Kreistag UNSTRUT-HAINICH-
 * KREIS“, „Beschlussvorlage öffentlich“, Einreicher, Drucksachen-Nr., Einreichung, the Beratungsfolge
 * table (Termin, TOP), „Betr.:“, „Der Kreistag möge beschließen:“, Begründung, signer, Anlagen,
 * Abstimmungsergebnis, and the footer „KT/103/2020 Seite 1 von 2“ on every page.
 */
export function renderVorlagePdf(v: VorlageForPdf): Promise<Buffer> {
  const art = ART[v.art] ?? 'Vorlage';
  const pdf = createPdfA({
    title: `${art} ${v.drucksachenNr}: ${v.betreff}`,
    author: v.einreicher ?? v.koerperschaft,
    subject: v.betreff,
    created: v.stand,
  });
  const { doc, heading, paragraph, field } = pdf;
  doc.font('bold').fontSize(15).text(v.koerperschaft, MARGIN);
  doc
    .moveDown(0.6)
    .fontSize(13)
    .text(`${art} ${v.oeffentlich ? 'öffentlich' : 'nichtöffentlich'}`);
  doc.moveDown(0.6);
  field('Einreicher', v.einreicher ?? '');
  field('Drucksachen-Nr.', v.drucksachenNr);
  field('Einreichung', deDate(v.einreichung));
  doc.moveDown(0.6);
  table(
    pdf,
    [
      { title: 'Beratungsfolge', width: 280 },
      { title: 'Termin', width: 110 },
      { title: 'TOP', width: 80 },
    ],
    v.beratungsfolge.map((b) => [b.gremium, deDate(b.datum), b.top ?? '']),
  );
  heading('Betr.:');
  paragraph(v.betreff);
  if (v.art === 'beschlussvorlage') heading(`Der ${v.entscheidung} möge beschließen:`, 13);
  else heading('Beschlussvorschlag:');
  paragraph(v.beschlussvorschlag);
  heading('Begründung:');
  paragraph(v.begruendung);
  if (v.unterzeichner) doc.moveDown(1).font('regular').fontSize(10.5).text(v.unterzeichner, MARGIN);
  heading('Anlagen:', 11);
  if (v.anlagen.length === 0) paragraph(null, 'keine');
  for (const [i, a] of v.anlagen.entries())
    doc
      .font('regular')
      .fontSize(10.5)
      .text(`${i + 1}. ${a.titel}${a.oeffentlich ? '' : ' (nichtöffentlich)'}`, MARGIN);
  heading('Abstimmungsergebnis:', 11);
  const n = (value: number | null | undefined) =>
    value === null || value === undefined ? '' : String(value);
  doc
    .font('regular')
    .fontSize(10.5)
    .text(
      `Ja: ${n(v.abstimmung?.ja)}        Nein: ${n(v.abstimmung?.nein)}        Enthaltungen: ${n(v.abstimmung?.enthaltung)}`,
      MARGIN,
    );
  return pdf.finish(v.drucksachenNr);
}
