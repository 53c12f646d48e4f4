import type { FormDefinition, FormField, FormGroup, FormNode, ImportWarning } from './form.models.ts';
import type { CodeList } from './genericode.ts';
import {
  type Context,
  cardinality,
  checkStatus,
  collectRules,
  FimImportError,
  fieldType,
  identification,
  parsePraezisierung,
} from './xdf-elements.models.ts';
import { child, childrenNamed, parseUntrustedXml, rootNamespace, textAt, type XmlElement } from './xml.ts';

export const XDF_NAMESPACES: Record<string, '2.0' | '3.0'> = {
  'urn:xoev-de:fim:standard:xdatenfelder_2': '2.0',
  'urn:xoev-de:fim:standard:xdatenfelder_3.0.0': '3.0',
};

function parseField(
  e: XmlElement,
  cardinalityOf: { min: number; max: number | null },
  ctx: Context,
): FormField {
  const { id, version } = identification(e, 'Datenfeld');
  checkStatus(e, ctx, `Datenfeld ${id}`);
  collectRules(e, ctx);
  const feldart = textAt(e, 'feldart', 'code') || 'input';
  const datentyp = textAt(e, 'datentyp', 'code') || 'text';
  const constraints = parsePraezisierung(child(e, 'praezisierung'), ctx.warnings, `Datenfeld ${id}`);
  const type = fieldType(feldart, datentyp, constraints);
  const name = textAt(e, 'name') || id;
  const field: FormField = {
    kind: 'field',
    id,
    version,
    name,
    label: textAt(e, 'bezeichnungEingabe') || name,
    type,
    ...cardinalityOf,
    constraints,
  };
  const help = textAt(e, 'hilfetextEingabe');
  if (help) field.help = help;
  const content = textAt(e, 'inhalt') || textAt(e, 'vorbefuellung', 'inhalt');
  if (content) field.content = content;
  if (feldart === 'locked') field.readOnly = true;
  if (type === 'select') {
    // XDF 3: inline values; both versions: a genericode reference.
    const inline = childrenNamed(child(e, 'werte'), 'wert').map((w) => ({
      code: textAt(w, 'code'),
      label: textAt(w, 'name') || textAt(w, 'code'),
    }));
    const ref = child(e, 'codelisteReferenz');
    if (inline.length > 0) field.options = inline;
    else if (ref) {
      const refId = textAt(ref, 'identifikation', 'id');
      const uri =
        textAt(ref, 'genericodeIdentification', 'canonicalIdentification') || textAt(ref, 'canonicalUri');
      const refVersion = textAt(ref, 'genericodeIdentification', 'version') || textAt(ref, 'version');
      const versionUri = textAt(ref, 'genericodeIdentification', 'canonicalVersionUri');
      field.codeList = { id: refId, uri, version: refVersion };
      const list = [refId, versionUri, uri].map((k) => k && ctx.codeLists.get(k)).find((l) => l);
      if (list) field.options = list.options;
      else {
        ctx.missingCodeLists.add(refId || uri);
        field.type = 'text';
      }
    } else {
      ctx.warnings.push({
        code: 'fim.select_without_values',
        message: `Auswahlfeld ${id} hat weder Werte noch Codeliste; es wird als Textfeld dargestellt.`,
      });
      field.type = 'text';
    }
  }
  return field;
}

function parseChildren(container: XmlElement, ctx: Context, where: string): FormNode[] {
  const nodes: FormNode[] = [];
  for (const struktur of childrenNamed(container, 'struktur')) {
    const card = cardinality(textAt(struktur, 'anzahl'), where);
    for (const element of child(struktur, 'enthaelt')?.children ?? []) {
      let node: FormNode;
      if (element.name === 'datenfeld') node = parseField(element, card, ctx);
      else if (element.name === 'datenfeldgruppe') node = parseGroup(element, card, ctx);
      else continue;
      // The same element may be reused in several places in FIM; an id twice in one container is a defect.
      if (nodes.some((n) => n.id === node.id))
        throw new FimImportError(
          'fim.duplicate',
          `${node.id} appears twice in ${where}`,
          `${node.id} kommt in ${where} doppelt vor.`,
        );
      nodes.push(node);
    }
  }
  return nodes;
}

function parseGroup(
  e: XmlElement,
  cardinalityOf: { min: number; max: number | null },
  ctx: Context,
): FormGroup {
  const { id, version } = identification(e, 'Datenfeldgruppe');
  checkStatus(e, ctx, `Datenfeldgruppe ${id}`);
  collectRules(e, ctx);
  const name = textAt(e, 'name') || id;
  const group: FormGroup = {
    kind: 'group',
    id,
    version,
    name,
    label: textAt(e, 'bezeichnungEingabe') || name,
    ...cardinalityOf,
    children: parseChildren(e, ctx, `Datenfeldgruppe ${id}`),
  };
  const help = textAt(e, 'hilfetextEingabe');
  if (help) group.help = help;
  if (group.children.length === 0)
    ctx.warnings.push({ code: 'fim.empty_group', message: `Datenfeldgruppe ${id} enthält keine Elemente.` });
  return group;
}

/**
 * Imports an XDatenfelder 2.0 or 3.0 message — a Stammdatenschema (xdatenfelder.stammdatenschema.0102)
 * or a single Datenfeldgruppe (xdatenfelder.datenfeldgruppe.0103) — into a form definition.
 * Structural defects (unknown namespace, missing or duplicate ids, unknown status codes, no fields)
 * are refused; soft problems come back as warnings.
 */
export function importXdatenfelder(
  bytes: Uint8Array,
  codeLists: Map<string, CodeList> = new Map(),
): { definition: FormDefinition; warnings: ImportWarning[]; missingCodeLists: string[] } {
  const root = parseUntrustedXml(bytes);
  const namespace = rootNamespace(root);
  const version = namespace ? XDF_NAMESPACES[namespace] : undefined;
  if (!version)
    throw new FimImportError(
      'fim.namespace',
      `unknown namespace ${namespace ?? '(none)'}`,
      `Unbekannter Namensraum „${namespace ?? '(keiner)'}“: erwartet wird XDatenfelder 2.0 (urn:xoev-de:fim:standard:xdatenfelder_2) oder 3.0.0 (urn:xoev-de:fim:standard:xdatenfelder_3.0.0).`,
    );
  const ctx: Context = {
    version,
    codeLists,
    warnings: [],
    missingCodeLists: new Set(),
    rules: [],
    ids: new Set(),
  };
  let definition: FormDefinition;
  if (root.name.startsWith('xdatenfelder.stammdatenschema')) {
    const schema = child(root, 'stammdatenschema');
    if (!schema)
      throw new FimImportError(
        'fim.structure',
        'no stammdatenschema element',
        'Die Nachricht enthält kein Stammdatenschema.',
      );
    const { id, version: fimVersion } = identification(schema, 'Stammdatenschema');
    checkStatus(schema, ctx, `Stammdatenschema ${id}`);
    collectRules(schema, ctx);
    const children = parseChildren(schema, ctx, `Stammdatenschema ${id}`);
    const description = textAt(schema, 'beschreibung');
    definition = {
      xdfVersion: version,
      id,
      version: fimVersion,
      name: textAt(schema, 'name') || id,
      title: textAt(schema, 'bezeichnungEingabe') || textAt(schema, 'name') || id,
      description: textAt(schema, 'definition') || description,
      leika: [...new Set(`${description} ${textAt(schema, 'bezug')}`.match(/\b99\d{12}\b/g) ?? [])],
      children,
      rules: ctx.rules,
    };
  } else if (root.name.startsWith('xdatenfelder.datenfeldgruppe')) {
    const groupElement = child(root, 'datenfeldgruppe');
    if (!groupElement)
      throw new FimImportError(
        'fim.structure',
        'no datenfeldgruppe element',
        'Die Nachricht enthält keine Datenfeldgruppe.',
      );
    const group = parseGroup(groupElement, { min: 1, max: 1 }, ctx);
    definition = {
      xdfVersion: version,
      id: group.id,
      version: group.version,
      name: group.name,
      title: group.label,
      description: textAt(groupElement, 'definition') || textAt(groupElement, 'beschreibung'),
      leika: [],
      children: [group],
      rules: ctx.rules,
    };
  } else {
    throw new FimImportError(
      'fim.message_type',
      `unsupported message ${root.name}`,
      `Nachrichtentyp „${root.name}“ wird nicht unterstützt (erwartet: Stammdatenschema oder Datenfeldgruppe).`,
    );
  }
  let fields = 0;
  const stack = [...definition.children];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.kind === 'field') fields++;
    else stack.push(...node.children);
  }
  if (fields === 0)
    throw new FimImportError(
      'fim.no_fields',
      'the schema contains no fields',
      'Das Schema enthält keine Datenfelder; daraus lässt sich kein Formular bilden.',
    );
  for (const rule of definition.rules)
    if (!rule.umgesetzt)
      ctx.warnings.push({
        code: 'fim.rule_not_evaluated',
        message: `Regel ${rule.id} „${rule.name}“ wird nicht maschinell geprüft: ${rule.text.slice(0, 160)}`,
      });
  return { definition, warnings: ctx.warnings, missingCodeLists: [...ctx.missingCodeLists] };
}
