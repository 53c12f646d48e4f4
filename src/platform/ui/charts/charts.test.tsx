import { describe, expect, it } from 'vitest';
import type { Tabelle } from '../../export/tabelle.ts';
import { Balkendiagramm, Banddiagramm, Heatmap, Liniendiagramm, Statusraster } from './charts.ts';
import { schoeneSkala } from './skala.ts';

const html = async (element: unknown) =>
  String(await (element as { toString(): string | Promise<string> }).toString());

/** All `attr="…"` values of elements carrying `data-wert` in the SVG, in order. */
const svgWerte = (markup: string) => {
  const svg = markup.slice(markup.indexOf('<svg'), markup.indexOf('</svg>'));
  return [...svg.matchAll(/data-wert="([^"]*)"/g)].map((m) => m[1]);
};
/** The text of the data table cells (th of rows and td), in order. */
const tabellenZellen = (markup: string) => {
  const body = markup.slice(markup.indexOf('<tbody'), markup.indexOf('</tbody>'));
  return [...body.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1]);
};

const kosten: Tabelle = {
  titel: 'Kosten je Mitglied',
  spalten: [{ name: 'Landkreis' }, { name: 'vorher', art: 'euro' }, { name: 'nachher', art: 'euro' }],
  zeilen: [
    ['Nordhausen', 80000, 60000],
    ['Kyffhäuserkreis', 80000, 60000],
    ['Unstrut-Hainich-Kreis', 80000, 60000.5],
  ],
};

describe('server-side charts', () => {
  it('a bar chart is an img SVG named by its title and description, with one bar per value and the same numbers in its table', async () => {
    const markup = await html(<Balkendiagramm id="k" tabelle={kosten} beschreibung="Anteil je Kreis." />);
    expect(markup).toContain('role="img"');
    expect(markup).toContain('aria-labelledby="k-titel k-beschreibung"');
    expect(markup).toContain('<title id="k-titel">Kosten je Mitglied</title>');
    expect(markup).toContain('<desc id="k-beschreibung">Anteil je Kreis.</desc>');
    expect(svgWerte(markup)).toEqual(['80000', '60000', '80000', '60000', '80000', '60000.5']);
    expect(tabellenZellen(markup)).toEqual([
      'Nordhausen',
      '80.000,00 €',
      '60.000,00 €',
      'Kyffhäuserkreis',
      '80.000,00 €',
      '60.000,00 €',
      'Unstrut-Hainich-Kreis',
      '80.000,00 €',
      '60.000,50 €',
    ]);
    expect(markup).not.toContain('<script');
  });

  it('bar heights are proportional to the values, and stacked bars add up', async () => {
    const hoehen = (markup: string) =>
      [...markup.matchAll(/<rect[^>]*height="([\d.]+)"[^>]*data-wert="([^"]+)"/g)].map((m) => [
        Number(m[1]),
        Number(m[2]),
      ]);
    const gruppiert = hoehen(await html(<Balkendiagramm id="g" tabelle={kosten} beschreibung="x" />));
    const skala = (gruppiert[0]?.[0] ?? 0) / 80000;
    for (const [hoehe, wert] of gruppiert) expect(hoehe).toBeCloseTo((wert ?? 0) * skala, 1);
    const gestapelt = await html(<Balkendiagramm id="s" tabelle={kosten} beschreibung="x" gestapelt />);
    const ys = [...gestapelt.matchAll(/<rect[^>]*y="([\d.]+)"[^>]*height="([\d.]+)"[^>]*data-wert/g)].map(
      (m) => [Number(m[1]), Number(m[2])],
    );
    // The second series of a stack starts where the first ends.
    expect((ys[1]?.[0] ?? 0) + (ys[1]?.[1] ?? 0)).toBeCloseTo(ys[0]?.[0] ?? -1, 1);
  });

  it('a line chart marks its events in the SVG and beside the category in the table', async () => {
    const grad: Tabelle = {
      titel: 'Nachnutzungsgrad',
      spalten: [{ name: 'Monat' }, { name: 'Grad', art: 'prozent' }],
      zeilen: [
        ['2020-01', 100],
        ['2020-02', null],
        ['2020-03', 91.7],
      ],
    };
    const markup = await html(
      <Liniendiagramm
        id="l"
        tabelle={grad}
        beschreibung="x"
        markierungen={[{ bei: '2020-03', text: 'Beitritt Wartburgkreis' }]}
      />,
    );
    expect(svgWerte(markup)).toEqual(['100', '91.7']);
    expect(markup).toContain('data-bei="2020-03"');
    expect(tabellenZellen(markup)).toEqual([
      '2020-01',
      '100,0 %',
      '2020-02',
      '–',
      '2020-03 (Beitritt Wartburgkreis)',
      '91,7 %',
    ]);
  });

  it('a heatmap writes every value in its cell and marks owners with a star, not by colour alone', async () => {
    const matrix: Tabelle = {
      titel: 'Nachnutzung',
      spalten: [
        { name: 'Artefakt' },
        { name: 'Nordhausen', art: 'ganzzahl' },
        { name: 'Wartburgkreis', art: 'ganzzahl' },
      ],
      zeilen: [
        ['Wohngeld', 1, 0],
        ['Kfz', 1, 1],
      ],
    };
    const markup = await html(
      <Heatmap
        id="h"
        tabelle={matrix}
        beschreibung="x"
        markiert={[{ zeile: 1, spalte: 2 }]}
        markierungText="Eigentümer"
      />,
    );
    expect(svgWerte(markup)).toEqual(['1', '0', '1', '1']);
    expect(markup).toContain('data-markiert="ja"');
    expect(markup).toContain('★ 1');
    expect(tabellenZellen(markup)).toEqual(['Wohngeld', '1', '0', 'Kfz', '1', '1 (Eigentümer)']);
  });

  it('a band chart draws median and p90 with their exact values', async () => {
    const zeiten: Tabelle = {
      titel: 'Bearbeitungszeit',
      spalten: [{ name: 'Monat' }, { name: 'Median', art: 'tage' }, { name: 'p90', art: 'tage' }],
      zeilen: [
        ['2020-01', 5.5, 9.1],
        ['2020-02', 4, 12],
      ],
    };
    const markup = await html(<Banddiagramm id="b" tabelle={zeiten} beschreibung="x" median={1} p90={2} />);
    expect(svgWerte(markup)).toEqual(['5.5', '9.1', '4', '12']);
    expect(markup).toContain('<polygon');
    expect(tabellenZellen(markup)).toEqual(['2020-01', '5,5', '9,1', '2020-02', '4,0', '12,0']);
  });

  it('a status grid says each state in words and symbols, and its table says the same', async () => {
    const markup = await html(
      <Statusraster
        id="st"
        beschreibung="x"
        zeilenTitel="Anbindung"
        modell={{
          titel: 'Anbindungen',
          zeilen: ['Wohngeld-Webhook'],
          spalten: ['Nordhausen', 'Wartburgkreis'],
          zellen: [[{ status: 'rot', kurz: '50 %', text: '50 % in 24 h' }, null]],
        }}
      />,
    );
    expect(markup).toContain('data-status="rot"');
    expect(markup).toContain('✕ 50 %');
    expect(tabellenZellen(markup)).toEqual([
      'Wohngeld-Webhook',
      'Rot – gestört: 50 % in 24 h',
      'nicht angebunden',
    ]);
  });

  it('without rows a chart says so in German and draws nothing', async () => {
    const markup = await html(
      <Balkendiagramm
        id="e"
        tabelle={{ ...kosten, zeilen: [] }}
        beschreibung="x"
        leer="Noch keine Kosten erfasst."
      />,
    );
    expect(markup).not.toContain('<svg');
    expect(markup).toContain('Noch keine Kosten erfasst.');
  });

  it('export links name the table for screen readers', async () => {
    const markup = await html(
      <Balkendiagramm id="x" tabelle={kosten} beschreibung="x" export={{ csv: '/a.csv', xlsx: '/a.xlsx' }} />,
    );
    expect(markup).toContain('href="/a.csv"');
    expect(markup).toContain('href="/a.xlsx"');
  });

  it('an axis has round ticks that cover the values and zero', () => {
    expect(schoeneSkala({ min: 0, max: 80000 }).ticks).toEqual([0, 20000, 40000, 60000, 80000]);
    expect(schoeneSkala({ min: -3, max: 9.1 }).ticks).toEqual([-5, -2.5, 0, 2.5, 5, 7.5, 10]);
    expect(schoeneSkala({ min: 0, max: 0 }).ticks.at(-1)).toBeGreaterThan(0);
  });
});
