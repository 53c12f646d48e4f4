import {
  Balkendiagramm,
  Banddiagramm,
  DatenTabelle,
  type ExportLinks,
  ExportVerweise,
  Heatmap,
  LeerHinweis,
  Liniendiagramm,
  Statusraster,
} from '../../../platform/ui/charts/charts.ts';
import type { Kennzahl } from './abschnitte.ts';

/** One figure: its chart (or table) with the same numbers as a table and the CSV/XLSX links. */
export function KennzahlAnsicht({ kennzahl, links }: { kennzahl: Kennzahl; links: ExportLinks }) {
  const { key: id, tabelle, beschreibung, leer, darstellung: d } = kennzahl;
  const basis = { id, tabelle, beschreibung, leer, export: links };
  switch (d.art) {
    case 'balken':
      return <Balkendiagramm {...basis} reihen={d.reihen} gestapelt={d.gestapelt} />;
    case 'linie':
      return (
        <Liniendiagramm {...basis} reihen={d.reihen} markierungen={d.markierungen} maximum={d.maximum} />
      );
    case 'heatmap':
      return (
        <Heatmap {...basis} markiert={d.markiert} markierungText={d.markierungText} maximum={d.maximum} />
      );
    case 'band':
      return <Banddiagramm {...basis} median={d.median} p90={d.p90} />;
    case 'status':
      return d.modell.zeilen.length === 0 ? (
        <LeerHinweis id={id} titel={tabelle.titel} text={leer} />
      ) : (
        <Statusraster
          id={id}
          modell={d.modell}
          beschreibung={beschreibung}
          export={links}
          zeilenTitel={d.zeilenTitel}
        />
      );
    default:
      return tabelle.zeilen.length === 0 ? (
        <LeerHinweis id={id} titel={tabelle.titel} text={leer} />
      ) : (
        <div class="vb-diagramm" id={id}>
          <DatenTabelle tabelle={tabelle} />
          <ExportVerweise titel={tabelle.titel} links={links} />
        </div>
      );
  }
}
