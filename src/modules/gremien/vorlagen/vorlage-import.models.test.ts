import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVorlageText } from './vorlage-import.models.ts';

// The source document is read where it lives (../shared/mission), not copied into the repository.
const SOURCE = path.resolve('..', 'shared', 'mission', 'KT-103-2020_Beschlussvorlage.md');
const fixture = (name: string) => readFileSync(path.resolve('test', 'fixtures', 'vorlagen', name), 'utf8');

describe('import of a Beschlussvorlage from its text', () => {
  it('reads the source document KT/103/2020 completely: every field, nothing unrecognised', () => {
    const { vorlage, bericht } = parseVorlageText(readFileSync(SOURCE, 'utf8'));
    expect(vorlage).toMatchObject({
      koerperschaft: 'Kreistag UNSTRUT-HAINICH-KREIS',
      art: 'beschlussvorlage',
      oeffentlich: true,
      drucksachenNr: 'KT/103/2020',
      einreicher: 'Verwaltung',
      einreichung: '2020-05-27',
      beratungsfolge: [{ gremium: 'Kreistag', datum: '2020-06-24', top: null, zustaendigkeit: null }],
      unterzeichner: 'Zanker Landrat',
      anlagen: ['Kreistagsbeschluss 064-03/19', 'Zweckvereinbarung', '1. Änderung Zweckvereinbarung'],
      abstimmung: { ja: null, nein: null, enthaltungen: null },
      fusszeilen: ['KT/103/2020 Seite 2 von 2'],
      unerkannt: [],
    });
    expect(vorlage.betreff).toBe(
      '1. Änderung der Zweckvereinbarung zur Gründung eines interkommunalen Serviceteams im Bereich E-Government, basierend auf Beschluss Kreistag vom 27.11.2019, Beschlussnummer: KT/065-03/19',
    );
    expect(vorlage.beschlussvorschlag?.split('\n\n')).toHaveLength(2);
    expect(vorlage.beschlussvorschlag).toMatch(
      /^Die Zweckvereinbarung .* von drei auf vier Landkreise erweitert\./,
    );
    expect(vorlage.begruendung?.split('\n\n')).toHaveLength(3);
    expect(vorlage.begruendung).toContain('rund 143.000 €, überwiegend für Personalkosten, bewilligt.');
    expect(vorlage.begruendung).not.toContain('Zanker');
    expect(bericht).toMatchObject({ fehlend: [], unerkannt: [], vollstaendig: true });
    expect(bericht.hinweise).toEqual([
      'Die Anlagen standen in einer Zeile; sie wurden an Nummern getrennt – bitte prüfen.',
      'Das Abstimmungsergebnis ist vorgesehen, aber noch nicht ausgefüllt.',
    ]);
  });

  it('keeps every word of the source: the recognised fields and the footer hold all its text', () => {
    const source = readFileSync(SOURCE, 'utf8');
    const { vorlage } = parseVorlageText(source);
    const held = JSON.stringify(vorlage);
    const labels =
      /^(Kreistag|Beschlussvorlage|öffentlich|Einreicher:|Drucksachen-Nr.:|Einreichung:|Beratungsfolge|Termin|ТОР|Betr.:|Der|möge|beschließen:|Begründung:|Anlagen:|Abstimmungsergebnis:|Ja:|Nein:|Enthaltungen:|#+|<u>Abstimmungsergebnis:<\/u>)$/;
    const words = source.split(/\s+/).filter((w) => w && !labels.test(w));
    const missing = words.filter((w) => !held.includes(w.replace(/^#+/, '')));
    // The label words are the only ones not held (the date format changes to ISO, too).
    expect(missing.filter((w) => !/^\d{2}\.\d{2}\.\d{4}$/.test(w))).toEqual([]);
  });

  it('reads an ALLRIS-style Vorlage (written by us) and reports what it does not know', () => {
    const { vorlage, bericht } = parseVorlageText(fixture('allris-beispiel.txt'));
    expect(vorlage).toMatchObject({
      art: 'beschlussvorlage',
      oeffentlich: true,
      drucksachenNr: 'BV/0123/2021',
      einreicher: 'Amt für Kreisentwicklung und Verkehr',
      einreichung: '2021-02-15',
      betreff: 'Fortschreibung des Nahverkehrsplans des Landkreises 2021–2025',
      beratungsfolge: [
        {
          gremium: 'Ausschuss für Bau, Umwelt und Verkehr',
          datum: '2021-03-08',
          top: null,
          zustaendigkeit: 'vorberatung',
        },
        { gremium: 'Kreistag', datum: '2021-03-24', top: null, zustaendigkeit: 'entscheidung' },
      ],
      anlagen: ['Entwurf Nahverkehrsplan 2021–2025 (öffentlich)', 'Zusammenfassung der Stellungnahmen'],
      abstimmung: { ja: 35, nein: 4, enthaltungen: 2 },
    });
    expect(vorlage.beschlussvorschlag).toMatch(/^Der Kreistag beschließt .* öffentlich bekannt zu machen\.$/);
    expect(vorlage.begruendung).toMatch(/^Der Nahverkehrsplan ist nach § 5 ThürÖPNVG/);
    expect(bericht.fehlend).toEqual(['Unterzeichner']);
    expect(bericht.unerkannt).toEqual([
      { zeile: 7, ueberschrift: 'Bearbeiter/-in', text: 'Schmidt, Anna' },
      {
        zeile: 22,
        ueberschrift: 'Finanzielle Auswirkungen',
        text: 'Mehrkosten von jährlich rund 410.000 € im Teilhaushalt 12, davon 60 % gefördert.',
      },
    ]);
    expect(bericht.vollstaendig).toBe(false);
  });

  it('reads a SessionNet-style Vorlage (written by us) with TOPs, a numbered proposal and a „gez.“ signer', () => {
    const { vorlage, bericht } = parseVorlageText(fixture('sessionnet-beispiel.txt'));
    expect(vorlage).toMatchObject({
      koerperschaft: 'Landkreis Musterstadt',
      drucksachenNr: '2021/045',
      einreicher: 'Fachdienst Schulverwaltung',
      einreichung: '2021-02-12',
      beratungsfolge: [
        {
          gremium: 'Ausschuss für Bildung und Kultur',
          datum: '2021-02-23',
          top: 'Ö 4',
          zustaendigkeit: null,
        },
        { gremium: 'Kreistag', datum: '2021-03-10', top: 'Ö 7', zustaendigkeit: null },
      ],
      unterzeichner: 'Dr. Hartmann, Landrätin',
      anlagen: ['Schulnetzplan 2021/22 bis 2025/26', 'Schülerzahlprognose 2021–2026'],
      abstimmung: { ja: 30, nein: 0, enthaltungen: 3 },
    });
    expect(vorlage.beschlussvorschlag?.split('\n')).toEqual([
      '1. Der Kreistag beschließt den Schulnetzplan für die Schuljahre 2021/22 bis 2025/26.',
      '2. Die Grundschule Kleindorf wird als Außenstelle der Grundschule Großdorf weitergeführt.',
    ]);
    expect(bericht).toMatchObject({ fehlend: [], unerkannt: [], vollstaendig: true });
  });

  it('keeps text it cannot place – before any label, and in a section it does not know – and never drops it', () => {
    const { vorlage, bericht } = parseVorlageText(
      'Kopfzeile der Verwaltung\nInterner Vermerk ohne Bezeichnung\nBetreff: Test\n\nKlimarelevanz:\nkeine\n\nBegründung:\nWeil.\n',
    );
    expect(vorlage.betreff).toBe('Test');
    expect(vorlage.begruendung).toBe('Weil.');
    expect(bericht.unerkannt).toEqual([
      { zeile: 2, ueberschrift: null, text: 'Interner Vermerk ohne Bezeichnung' },
      { zeile: 5, ueberschrift: 'Klimarelevanz', text: 'keine' },
    ]);
    expect(bericht.fehlend).toContain('Beschlussvorschlag');
    expect(parseVorlageText('Betreffend die Straße: kein Label').vorlage.betreff).toBeNull();
  });
});
