/**
 * Form definitions as Verbund stores them, imported from FIM XDatenfelder 2.0 / 3.0.
 * Data entered into a form is JSON keyed by the FIM ids: a field with at most one value is
 * `{ "F…": value }`, a repeatable field an array; a group `{ "G…": { … } }`, a repeatable group an
 * array of such objects. The same ids name the HTML inputs and the XML elements of an Antrag.
 */
export const FIELD_TYPES = [
  'text',
  'textarea',
  'date',
  'time',
  'datetime',
  'bool',
  'number',
  'integer',
  'currency',
  'select',
  'file',
  'label',
  'hidden',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type Option = { code: string; label: string };

export type Constraints = {
  minLength?: number;
  maxLength?: number;
  minValue?: number;
  maxValue?: number;
  pattern?: string;
};

export type FormField = {
  kind: 'field';
  id: string;
  version: string;
  name: string;
  label: string;
  help?: string;
  type: FieldType;
  min: number;
  /** null: unbounded */
  max: number | null;
  constraints: Constraints;
  options?: Option[];
  codeList?: { id: string; uri: string; version: string };
  /** Fixed text (feldart label) or default value. */
  content?: string;
  readOnly?: boolean;
};

export type FormGroup = {
  kind: 'group';
  id: string;
  version: string;
  name: string;
  label: string;
  help?: string;
  min: number;
  max: number | null;
  children: FormNode[];
};

export type FormNode = FormField | FormGroup;

/** A FIM rule. Only the conditional-requirement pattern is evaluated; the others are listed. */
export type FormRule = {
  id: string;
  name: string;
  text: string;
  umgesetzt: boolean;
  grund?: string;
  effect?: { type: 'require-if'; field: string; code: string; target: string };
};

export type FormDefinition = {
  /** 'verbund': authored in Verbund in the same structure, not imported from FIM. */
  xdfVersion: '2.0' | '3.0' | 'verbund';
  id: string;
  version: string;
  name: string;
  title: string;
  description: string;
  leika: string[];
  children: FormNode[];
  rules: FormRule[];
};

export type ImportWarning = { code: string; message: string; line?: number };

export function* walk(nodes: FormNode[]): Generator<FormNode> {
  for (const node of nodes) {
    yield node;
    if (node.kind === 'group') yield* walk(node.children);
  }
}

export function countFields(definition: FormDefinition) {
  let fields = 0;
  let groups = 0;
  for (const node of walk(definition.children)) node.kind === 'field' ? fields++ : groups++;
  return { fields, groups };
}

/** An ISO date (JJJJ-MM-TT) as the data holds it. */
export const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
