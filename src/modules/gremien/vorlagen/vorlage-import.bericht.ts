import type { ImportBericht, ImportierteVorlage } from './vorlage-import.models.ts';

/** The fields a Beschlussvorlage has; the report says which were found and which are missing. */
const PFLICHT: Array<[keyof ImportierteVorlage, string]> = [
  ['drucksachenNr', 'Drucksachen-Nr.'],
  ['einreicher', 'Einreicher'],
  ['einreichung', 'Einreichung'],
  ['beratungsfolge', 'Beratungsfolge'],
  ['betreff', 'Betreff'],
  ['beschlussvorschlag', 'Beschlussvorschlag'],
  ['begruendung', 'Begründung'],
  ['unterzeichner', 'Unterzeichner'],
  ['anlagen', 'Anlagen'],
  ['abstimmung', 'Abstimmungsergebnis'],
];

export function berichtOf(vorlage: ImportierteVorlage, hinweise: string[]): ImportBericht {
  const present = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== null && v !== '');
  const erkannt = PFLICHT.filter(([key]) => present(vorlage[key])).map(([, name]) => name);
  const fehlend = PFLICHT.filter(([key]) => !present(vorlage[key])).map(([, name]) => name);
  if (vorlage.abstimmung && Object.values(vorlage.abstimmung).every((v) => v === null))
    hinweise.push('Das Abstimmungsergebnis ist vorgesehen, aber noch nicht ausgefüllt.');
  return {
    erkannt,
    fehlend,
    unerkannt: vorlage.unerkannt,
    hinweise,
    vollstaendig: fehlend.length === 0 && vorlage.unerkannt.length === 0,
  };
}
