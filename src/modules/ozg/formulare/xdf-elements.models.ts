import type { Constraints, FieldType, ImportWarning } from './form.models.ts';
import type { XmlElement } from './xml.ts';

/** A structural defect of an XDatenfelder file: always refused, with a German message. */
export class FimImportError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly messageDe: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export const FREIGABESTATUS_3 = new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
export const STATUS_2 = new Set(['aktiv', 'inaktiv', 'inVorbereitung']);

export const cardinality = (value: string, where: string): { min: number; max: number | null } => {
  const match = /^\s*(\d+)\s*:\s*(\d+|\*)\s*$/.exec(value || '1:1');
  if (!match)
    throw new FimImportError(
      'fim.cardinality',
      `invalid anzahl "${value}" at ${where}`,
      `Ungültige Anzahl „${value}“ bei ${where}.`,
    );
  const min = Number(match[1]);
  const max = match[2] === '*' ? null : Number(match[2]);
  if (max !== null && max < min)
    throw new FimImportError(
      'fim.cardinality',
      `anzahl ${value} at ${where}`,
      `Anzahl „${value}“ bei ${where}: Maximum kleiner als Minimum.`,
    );
  return { min, max };
};

export function fieldType(feldart: string, datentyp: string, constraints: Constraints): FieldType {
  if (feldart === 'label') return 'label';
  if (feldart === 'hidden') return 'hidden';
  if (feldart === 'select') return 'select';
  switch (datentyp) {
    case 'date':
      return 'date';
    case 'time':
      return 'time';
    case 'datetime':
      return 'datetime';
    case 'bool':
      return 'bool';
    case 'num':
      return 'number';
    case 'num_int':
      return 'integer';
    case 'num_currency':
      return 'currency';
    case 'file':
    case 'obj':
      return 'file';
    default:
      return (constraints.maxLength ?? 0) > 255 ? 'textarea' : 'text';
  }
}

export function parsePraezisierung(
  e: XmlElement | undefined,
  warnings: ImportWarning[],
  where: string,
): Constraints {
  if (!e) return {};
  const raw: Record<string, unknown> = { ...e.attrs };
  const text = e.text.trim();
  if (text) {
    try {
      Object.assign(raw, JSON.parse(text));
    } catch {
      warnings.push({
        code: 'fim.praezisierung',
        message: `Präzisierung bei ${where} ist kein JSON und wurde ignoriert: ${text.slice(0, 80)}`,
      });
    }
  }
  const num = (key: string) => {
    const v = raw[key];
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const constraints: Constraints = {};
  for (const key of ['minLength', 'maxLength', 'minValue', 'maxValue'] as const) {
    const n = num(key);
    if (n !== undefined) constraints[key] = n;
  }
  if (typeof raw.pattern === 'string' && raw.pattern) {
    try {
      new RegExp(raw.pattern, 'u');
      constraints.pattern = raw.pattern;
    } catch {
      warnings.push({
        code: 'fim.pattern',
        message: `Muster bei ${where} ist kein gültiger regulärer Ausdruck und wird nicht geprüft: ${raw.pattern}`,
      });
    }
  }
  return constraints;
}
