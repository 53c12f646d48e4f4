import { DATE, type FormField, type FormGroup, type FormNode } from './form.models.ts';

/** An uploaded attachment as a file field's value: the name the citizen gave and its number in the Antrag. */
export type FileValue = { anlage: number; dateiname: string };

type Data = Record<string, unknown>;

/**
 * Sets a value at a data path like `G1.F2` or `G3[1].F4`, creating groups and list entries on
 * the way. Indexes are bounded (two digits) so a crafted request cannot allocate huge arrays.
 * Returns false for a malformed path.
 */
export function setAtPath(data: Data, path: string, value: unknown): boolean {
  const segments = path.split('.');
  const parsed = segments.map((segment) => /^([A-Za-z0-9_-]+)(?:\[(\d{1,2})\])?$/.exec(segment));
  if (parsed.some((m) => !m)) return false;
  let current: Data = data;
  parsed.forEach((m, i) => {
    const id = m![1]!;
    const last = i === parsed.length - 1;
    if (m![2] === undefined) {
      if (last) current[id] = value;
      else {
        if (!current[id] || typeof current[id] !== 'object') current[id] = {};
        current = current[id] as Data;
      }
      return;
    }
    if (!Array.isArray(current[id])) current[id] = [];
    const list = current[id] as unknown[];
    const n = Number(m![2]);
    while (list.length <= n) list.push(last ? '' : {});
    if (last) list[n] = value;
    else current = list[n] as Data;
  });
  return true;
}

/** Turns flat HTML form names (`d.G1.F2`, `d.G3[1].F4`, `d.F5[0]`) into the nested data shape. */
export function unflatten(fields: Record<string, string>, prefix = 'd.'): Data {
  const root: Data = {};
  for (const [name, value] of Object.entries(fields))
    if (name.startsWith(prefix)) setAtPath(root, name.slice(prefix.length), value);
  return root;
}

/** All file fields with their paths for the given data (used to attach uploads to fields). */
export function fileFields(nodes: FormNode[], prefix = ''): Array<{ path: string; field: FormField }> {
  const out: Array<{ path: string; field: FormField }> = [];
  for (const node of nodes) {
    const path = `${prefix}${node.id}`;
    if (node.kind === 'field' && node.type === 'file') out.push({ path, field: node });
    if (node.kind === 'group') out.push(...fileFields((node as FormGroup).children, `${path}.`));
  }
  return out;
}

/** Human-readable lines "Label: value" for summaries, PDFs and e-mails. */
export function describeData(
  nodes: FormNode[],
  data: Data,
  depth = 0,
): Array<{ depth: number; label: string; value?: string }> {
  const lines: Array<{ depth: number; label: string; value?: string }> = [];
  for (const node of nodes) {
    const raw = data?.[node.id];
    if (raw === undefined) continue;
    const values = Array.isArray(raw) ? raw : [raw];
    values.forEach((v, i) => {
      const suffix = values.length > 1 ? ` (${i + 1})` : '';
      if (node.kind === 'group') {
        lines.push({ depth, label: `${node.label}${suffix}` });
        lines.push(...describeData(node.children, v as Data, depth + 1));
      } else lines.push({ depth, label: `${node.label}${suffix}`, value: displayValue(node, v) });
    });
  }
  return lines;
}

export function displayValue(field: FormField, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field.type === 'select') return field.options?.find((o) => o.code === value)?.label ?? String(value);
  if (field.type === 'bool') return value ? 'Ja' : 'Nein';
  if (field.type === 'date' && typeof value === 'string' && DATE.test(value))
    return value.split('-').reverse().join('.');
  if (field.type === 'file') return (value as FileValue).dateiname;
  if (field.type === 'currency' && typeof value === 'number')
    return value.toLocaleString('de-DE', { style: 'currency', currency: 'EUR' });
  return String(value);
}

/** Every file value in the data with its path (`G1.F2`, `G3[1].F4`). */
export function fileValues(data: unknown, prefix = ''): Array<{ path: string; value: FileValue }> {
  const out: Array<{ path: string; value: FileValue }> = [];
  if (!data || typeof data !== 'object') return out;
  for (const [key, value] of Object.entries(data as Data)) {
    const items = Array.isArray(value)
      ? value.map((v, i) => [`${prefix}${key}[${i}]`, v] as const)
      : [[`${prefix}${key}`, value] as const];
    for (const [path, item] of items) {
      if (item && typeof item === 'object' && 'anlage' in item) out.push({ path, value: item as FileValue });
      else out.push(...fileValues(item, `${path}.`));
    }
  }
  return out;
}

/** The object that holds the last segment of `path` (walking groups and list entries), or null. */
function parentOf(data: Data, path: string) {
  const segments = path.split('.');
  const key = segments.pop()!;
  let current: unknown = data;
  for (const segment of segments) {
    const m = /^([^[]+)(?:\[(\d+)\])?$/.exec(segment);
    if (!m || !current || typeof current !== 'object') return null;
    current = (current as Data)[m[1]!];
    if (m[2] !== undefined) current = Array.isArray(current) ? current[Number(m[2])] : undefined;
  }
  return current && typeof current === 'object' ? { parent: current as Data, key } : null;
}

export const pathExists = (data: Data, path: string) => parentOf(data, path) !== null;

/** Adds an instance of a repeatable group at `path` (at most 99). */
export function addInstance(data: Data, path: string) {
  if (!/^[\w.[\]-]+$/.test(path)) return;
  const target = parentOf(data, path);
  if (!target) return;
  const list = Array.isArray(target.parent[target.key]) ? (target.parent[target.key] as unknown[]) : [];
  if (list.length >= 99) return;
  list.push({});
  target.parent[target.key] = list;
}

/** Removes the instance `PATH[i]` of a repeatable group. */
export function removeInstance(data: Data, pathWithIndex: string) {
  const m = /^(.+)\[(\d+)\]$/.exec(pathWithIndex);
  if (!m) return;
  const target = parentOf(data, m[1]!);
  const list = target?.parent[target.key];
  if (Array.isArray(list)) list.splice(Number(m[2]), 1);
}
