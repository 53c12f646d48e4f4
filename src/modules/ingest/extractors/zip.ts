import { unzipSync } from 'fflate';
import { ExtractionError } from '../extractors.ts';

const MAX_ENTRY = 50 * 1024 * 1024;
const MAX_TOTAL = 200 * 1024 * 1024;
const MAX_RATIO = 200;

/**
 * Reads selected entries of an Office zip. Declared sizes are checked before anything is inflated
 * (zip bombs: huge entries, huge totals, absurd ratios); names with path traversal are ignored.
 */
export function readZipEntries(bytes: Buffer, wanted: (name: string) => boolean): Record<string, string> {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(bytes), {
      filter(file) {
        if (file.name.includes('..') || file.name.startsWith('/')) return false;
        if (!wanted(file.name)) return false;
        total += file.originalSize;
        if (
          file.originalSize > MAX_ENTRY ||
          total > MAX_TOTAL ||
          (file.size > 0 && file.originalSize / file.size > MAX_RATIO && file.originalSize > 1024 * 1024)
        )
          throw new ExtractionError(
            'zip.bomb',
            'Die Datei ist ungewöhnlich stark komprimiert oder zu groß (Schutz vor Zip-Bomben).',
          );
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw new ExtractionError('zip.malformed', 'Die Datei ist beschädigt (kein gültiges ZIP-Archiv).');
  }
  const decoder = new TextDecoder('utf-8');
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(files)) {
    if (data.length > MAX_ENTRY)
      throw new ExtractionError('zip.bomb', 'Ein Bestandteil der Datei ist zu groß.');
    const xml = decoder.decode(data);
    if (/<!DOCTYPE|<!ENTITY/i.test(xml))
      throw new ExtractionError(
        'xml.dtd',
        'Die Datei enthält eine DTD/Entitäten; aus Sicherheitsgründen wird sie nicht gelesen.',
      );
    out[name] = xml;
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
