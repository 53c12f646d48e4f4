// The server-side SVG charts of the platform: pure functions of a table model, each an accessible
// <svg role="img"> with <title>/<desc> and the same numbers as a table below it, no JavaScript.
export { Balkendiagramm, type BalkenOptionen } from './balken.tsx';
export { Banddiagramm, type BandOptionen } from './band.tsx';
export {
  DatenTabelle,
  Diagramm,
  type DiagrammBasis,
  type ExportLinks,
  ExportVerweise,
  LeerHinweis,
} from './diagramm.tsx';
export { Heatmap, type HeatmapOptionen } from './heatmap.tsx';
export { Liniendiagramm, type LinienOptionen, type Markierung } from './linie.tsx';
export {
  STATUS_TEXT,
  type Status,
  Statusraster,
  type StatusrasterModell,
  type StatusZelle,
  statusrasterTabelle,
} from './status.tsx';
