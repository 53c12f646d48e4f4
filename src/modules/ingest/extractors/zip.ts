import {
  InflatedTooLarge,
  inflateEntry,
  type ZipEntry,
  zipEntries,
} from '../../../platform/parsers/bounded-unzip.ts';
import { ExtractionError } from './extractor.ts';

const MAX_ENTRY = 50 * 1024 * 1024;
const MAX_TOTAL = 200 * 1024 * 1024;
const MAX_RATIO = 200;

const bomb = () =>
  new ExtractionError(
    'zip.bomb',
    'Die Datei ist ungewöhnlich stark komprimiert oder zu groß (Schutz vor Zip-Bomben).',
  );

/**
 * Reads selected entries of an Office zip. Declared sizes are checked before anything is inflated
 * (zip bombs: huge entries, huge totals, absurd ratios); then each wanted entry is inflated with its
 * output counted, and one that grows past its declared size is refused at that moment ("zu groß
 * entpackt") instead of being inflated to the end. Names with path traversal are ignored.
 */
export function readZipEntries(bytes: Buffer, wanted: (name: string) => boolean): Record<string, string> {
  let total = 0;
  const selected: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  const out: Record<string, string> = {};
  try {
    for (const entry of zipEntries(bytes)) {
      if (entry.name.includes('..') || entry.name.startsWith('/')) continue;
      if (!wanted(entry.name) || selected.some((s) => s.name === entry.name)) continue;
      total += entry.declaredSize;
      if (
        entry.declaredSize > MAX_ENTRY ||
        total > MAX_TOTAL ||
        (entry.compressedSize > 0 &&
          entry.declaredSize / entry.compressedSize > MAX_RATIO &&
          entry.declaredSize > 1024 * 1024)
      )
        throw bomb();
      selected.push(entry);
    }
    for (const entry of selected) {
      const xml = decoder.decode(inflateEntry(bytes, entry, { limit: entry.declaredSize }));
      if (/<!DOCTYPE|<!ENTITY/i.test(xml))
        throw new ExtractionError(
          'xml.dtd',
          'Die Datei enthält eine DTD/Entitäten; aus Sicherheitsgründen wird sie nicht gelesen.',
        );
      out[entry.name] = xml;
    }
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    if (error instanceof InflatedTooLarge)
      throw new ExtractionError(
        'zip.too_large',
        'Die Datei ist zu groß entpackt: ein Bestandteil wird beim Entpacken größer als im Archiv angegeben; sie wird nicht gelesen.',
      );
    throw new ExtractionError('zip.malformed', 'Die Datei ist beschädigt (kein gültiges ZIP-Archiv).');
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Decodes numeric and named character references (XML's five, or a larger map for HTML). */
export const decodeXmlEntities = (text: string, named: Record<string, string> = ENTITIES) =>
  text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1]?.toLowerCase() === 'x'
          ? Number.parseInt(name.slice(2), 16)
          : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
    }
    return named[name] ?? whole;
  });
