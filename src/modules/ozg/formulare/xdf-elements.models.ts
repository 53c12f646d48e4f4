import type { Constraints, FieldType, FormRule, ImportWarning } from './form.models.ts';
import type { CodeList } from './genericode.ts';
import { child, childrenNamed, textAt, type XmlElement } from './xml.ts';

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

/** What the conversion of one schema collects on its way (code lists in, warnings and rules out). */
export type Context = {
  version: '2.0' | '3.0';
  codeLists: Map<string, CodeList>;
  warnings: ImportWarning[];
  missingCodeLists: Set<string>;
  rules: FormRule[];
  ids: Set<string>;
};

export function identification(e: XmlElement, what: string) {
  const ident = child(e, 'identifikation');
  const ids = childrenNamed(ident, 'id');
  if (ids.length !== 1)
    throw new FimImportError(
      'fim.identifikation',
      `${what} has ${ids.length} ids`,
      `${what}: die Identifikation enthält ${ids.length === 0 ? 'keine' : 'mehrere'} IDs (genau eine erwartet).`,
    );
  const id = ids[0]!.text.trim();
  if (!id)
    throw new FimImportError('fim.identifikation', `${what} has an empty id`, `${what}: die ID ist leer.`);
  if (!/^[A-Za-z0-9._-]{1,80}$/.test(id))
    throw new FimImportError('fim.identifikation', `invalid id ${id}`, `${what}: ungültige ID „${id}“.`);
  return { id, version: textAt(ident, 'version') || '1.0' };
}

export function checkStatus(e: XmlElement, ctx: Context, where: string) {
  if (ctx.version === '3.0') {
    const code = textAt(e, 'freigabestatus', 'code');
    if (code && !FREIGABESTATUS_3.has(code))
      throw new FimImportError(
        'fim.freigabestatus',
        `invalid freigabestatus ${code} at ${where}`,
        `${where}: Freigabestatus „${code}“ ist in der Codeliste nicht vorgesehen (1–9).`,
      );
  } else {
    const code = textAt(e, 'status', 'code');
    if (code && !STATUS_2.has(code))
      throw new FimImportError(
        'fim.status',
        `invalid status ${code} at ${where}`,
        `${where}: Status „${code}“ ist unbekannt (aktiv, inaktiv, inVorbereitung).`,
      );
  }
}

/** The rules of an element: FIM's "Wenn … dann … Pflichtangabe" becomes require-if; others are kept as text. */
export function collectRules(e: XmlElement, ctx: Context) {
  for (const rule of childrenNamed(e, 'regel')) {
    const { id } = identification(rule, 'Regel');
    if (ctx.rules.some((r) => r.id === id)) continue;
    const text = textAt(rule, 'definition') || textAt(rule, 'freitextRegel') || textAt(rule, 'beschreibung');
    const name = textAt(rule, 'name');
    const match =
      /Wenn bei ([FG][\w-]+)\s*[„"]\s*([\w-]+)[^"“”]*[”"“]\s*angegeben wird,?\s*dann wird ([FG][\w-]+) (?:zur|eine|zu einer) Pflichtangabe/i.exec(
        text,
      );
    ctx.rules.push(
      match
        ? {
            id,
            name,
            text,
            umgesetzt: true,
            effect: { type: 'require-if', field: match[1]!, code: match[2]!, target: match[3]! },
          }
        : {
            id,
            name,
            text,
            umgesetzt: false,
            grund: 'Freitext-/Skriptregel ohne maschinenlesbare Form; wird im Formular nicht geprüft.',
          },
    );
  }
}
