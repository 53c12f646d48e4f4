import { DATE, type FormDefinition, type FormField, type FormNode } from './form.models.ts';
import type { FileValue } from './form-data.models.ts';

export type FieldError = { path: string; label: string; message: string };

type Data = Record<string, unknown>;

const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.every(isEmpty));

function validDate(value: string) {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1;
}

const germanNumber = (value: string) =>
  Number(
    value
      .replace(/\s/g, '')
      .replace(/\.(?=\d{3}(\D|$))/g, '')
      .replace(',', '.'),
  );

/** Groups that rules make mandatory given the data (FIM "Wenn bei F… "x" angegeben wird, dann wird G… Pflicht"). */
export function requiredByRules(definition: FormDefinition, data: Data): Set<string> {
  const required = new Set<string>();
  for (const rule of definition.rules)
    if (rule.effect?.type === 'require-if' && findValues(data, rule.effect.field).includes(rule.effect.code))
      required.add(rule.effect.target);
  return required;
}

/** Every value of a field id anywhere in the data tree (FIM ids are unique per element). */
export function findValues(data: unknown, id: string): unknown[] {
  const found: unknown[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object')
      for (const [key, value] of Object.entries(node as Data)) {
        if (key === id) found.push(...(Array.isArray(value) ? value : [value]));
        else visit(value);
      }
  };
  visit(data);
  return found;
}

/**
 * Checks and normalises data against a form definition: cardinality (including repeatable
 * groups), Präzisierung (lengths, patterns, ranges), types, code lists, and the rules the
 * definition can evaluate. Returns the normalised data (unknown keys dropped) and the errors in
 * form order, each with its input path and a German message.
 */
export function validateFormData(
  definition: FormDefinition,
  data: unknown,
  options: { partial?: Set<string> } = {},
): { value: Data; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const required = requiredByRules(definition, (data ?? {}) as Data);
  const value = validateNodes(
    definition.children,
    (data ?? {}) as Data,
    '',
    errors,
    required,
    options.partial,
  );
  return { value, errors };
}

function validateNodes(
  nodes: FormNode[],
  data: Data,
  prefix: string,
  errors: FieldError[],
  required: Set<string>,
  only?: Set<string>,
): Data {
  const out: Data = {};
  for (const node of nodes) {
    if (only && prefix === '' && !only.has(node.id)) continue;
    const raw = data && typeof data === 'object' ? (data as Data)[node.id] : undefined;
    const path = `${prefix}${node.id}`;
    const min = required.has(node.id) ? Math.max(1, node.min) : node.min;
    const repeated = node.max === null || node.max > 1;
    const values = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
    if (node.kind === 'field' && (node.type === 'label' || node.type === 'hidden')) continue;
    const present = values.filter((v) => !isEmpty(v) && !(node.kind === 'group' && groupEmpty(v)));
    if (present.length < min && node.kind === 'group') {
      // A required group left empty: name its missing fields (more helpful than "fill the group").
      const before = errors.length;
      for (let k = present.length; k < min; k++)
        validateNodes(node.children, {}, repeated ? `${path}[${k}].` : `${path}.`, errors, required);
      if (errors.length > before) continue;
    }
    if (present.length < min) {
      errors.push({
        path: repeated ? `${path}[${present.length}]` : path,
        label: node.label,
        message:
          node.kind === 'group'
            ? `Bitte füllen Sie „${node.label}“ aus.`
            : node.type === 'file'
              ? `Bitte laden Sie „${node.label}“ hoch.`
              : node.type === 'select'
                ? `Bitte wählen Sie bei „${node.label}“ eine Angabe aus.`
                : `Bitte geben Sie „${node.label}“ an.`,
      });
    }
    if (node.max !== null && present.length > node.max)
      errors.push({
        path,
        label: node.label,
        message: `„${node.label}“ darf höchstens ${node.max}-mal angegeben werden.`,
      });
    const normalised = present.map((v, i) => {
      const p = repeated ? `${path}[${i}]` : path;
      return node.kind === 'group'
        ? validateNodes(node.children, v as Data, `${p}.`, errors, required)
        : validateField(node, v, p, errors);
    });
    if (normalised.length === 0) continue;
    out[node.id] = repeated ? normalised : normalised[0];
  }
  return out;
}

function groupEmpty(value: unknown): boolean {
  if (!value || typeof value !== 'object') return isEmpty(value);
  return Object.values(value as Data).every((v) =>
    Array.isArray(v)
      ? v.every(groupEmpty)
      : typeof v === 'object' && v !== null && !('anlage' in v)
        ? groupEmpty(v)
        : isEmpty(v),
  );
}

function validateField(field: FormField, raw: unknown, path: string, errors: FieldError[]): unknown {
  const fail = (message: string) => {
    errors.push({ path, label: field.label, message });
    return raw;
  };
  const c = field.constraints;
  switch (field.type) {
    case 'file': {
      const file = raw as FileValue;
      if (!file || typeof file !== 'object' || typeof file.anlage !== 'number')
        return fail(`Bitte laden Sie „${field.label}“ als Datei hoch.`);
      return { anlage: file.anlage, dateiname: String(file.dateiname ?? '') };
    }
    case 'bool': {
      if (raw === true || raw === 'true' || raw === 'ja' || raw === 'on' || raw === '1') return true;
      if (raw === false || raw === 'false' || raw === 'nein' || raw === '0') return false;
      return fail(`„${field.label}“: bitte Ja oder Nein angeben.`);
    }
    case 'number':
    case 'integer':
    case 'currency': {
      const n = typeof raw === 'number' ? raw : germanNumber(String(raw));
      if (!Number.isFinite(n)) return fail(`„${field.label}“ muss eine Zahl sein.`);
      if (field.type === 'integer' && !Number.isInteger(n))
        return fail(`„${field.label}“ muss eine ganze Zahl sein.`);
      if (c.minValue !== undefined && n < c.minValue)
        return fail(`„${field.label}“ muss mindestens ${c.minValue} sein.`);
      if (c.maxValue !== undefined && n > c.maxValue)
        return fail(`„${field.label}“ darf höchstens ${c.maxValue} sein.`);
      const digits = String(raw).replace(/\D/g, '').length;
      if (c.minLength !== undefined && digits < c.minLength)
        return fail(`„${field.label}“ muss mindestens ${c.minLength} Ziffern haben.`);
      if (c.maxLength !== undefined && digits > c.maxLength)
        return fail(`„${field.label}“ darf höchstens ${c.maxLength} Ziffern haben.`);
      return field.type === 'currency' ? Math.round(n * 100) / 100 : n;
    }
    case 'date': {
      const s = String(raw).trim();
      const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
      const iso = german ? `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}` : s;
      if (!validDate(iso)) return fail(`„${field.label}“: bitte ein gültiges Datum angeben (TT.MM.JJJJ).`);
      return iso;
    }
    case 'select': {
      const s = String(raw).trim();
      if (field.options && !field.options.some((o) => o.code === s))
        return fail(`„${field.label}“: bitte eine der angebotenen Angaben wählen.`);
      return s;
    }
    default: {
      if (typeof raw === 'object') return fail(`„${field.label}“: Text erwartet.`);
      const s = String(raw).trim();
      if (c.minLength !== undefined && [...s].length < c.minLength)
        return fail(`„${field.label}“ muss mindestens ${c.minLength} Zeichen lang sein.`);
      if (c.maxLength !== undefined && [...s].length > c.maxLength)
        return fail(`„${field.label}“ darf höchstens ${c.maxLength} Zeichen lang sein.`);
      if (c.pattern && !new RegExp(`^(?:${c.pattern})$`, 'u').test(s))
        return fail(`„${field.label}“ hat nicht das erwartete Format.`);
      if (/e-?mail/i.test(field.name) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s))
        return fail(`„${field.label}“: bitte eine gültige E-Mail-Adresse angeben.`);
      return s;
    }
  }
}
