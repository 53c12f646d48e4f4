import type { Option } from './form.models.ts';
import { child, childrenNamed, parseUntrustedXml, textAt, XmlRefused } from './xml.ts';

/** A genericode code list, keyed by its FIM id (file name C…) and canonical URIs. */
export type CodeList = { keys: string[]; options: Option[] };

/** Reads a genericode 1.0 code list: code column from the first key, label from the second key or a name column. */
export function parseGenericode(bytes: Uint8Array, fileName: string): CodeList {
  const root = parseUntrustedXml(bytes);
  if (root.name !== 'CodeList')
    throw new XmlRefused(
      'fim.codelist',
      `${fileName} is not a genericode code list`,
      `${fileName} ist keine genericode-Codeliste.`,
    );
  const columnSet = child(root, 'ColumnSet');
  const columns = childrenNamed(columnSet, 'Column').map((c) => c.attrs.Id ?? '');
  const keyRefs = childrenNamed(columnSet, 'Key').map((k) => child(k, 'ColumnRef')?.attrs.Ref ?? '');
  const codeColumn = keyRefs[0] || columns[0] || 'code';
  const labelColumn =
    keyRefs[1] ||
    columns.find((c) => c !== codeColumn && /name|wert|bezeichnung/i.test(c)) ||
    columns.find((c) => c !== codeColumn) ||
    codeColumn;
  const options: Option[] = [];
  for (const row of childrenNamed(child(root, 'SimpleCodeList'), 'Row')) {
    const values = new Map(
      childrenNamed(row, 'Value').map((v) => [v.attrs.ColumnRef ?? '', textAt(v, 'SimpleValue')]),
    );
    const code = values.get(codeColumn);
    if (code) options.push({ code, label: values.get(labelColumn) || code });
  }
  const identification = child(root, 'Identification');
  const idFromFile = /^(C\d+)/.exec(fileName.split('/').pop() ?? '')?.[1];
  const keys = [
    idFromFile,
    textAt(identification, 'CanonicalUri'),
    textAt(identification, 'CanonicalVersionUri'),
  ].filter((k): k is string => !!k);
  return { keys, options };
}
