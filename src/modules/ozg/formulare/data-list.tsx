import type { FormNode } from './form.models.ts';
import { describeData } from './form-data.models.ts';

/** The entered data of a form as a description list: group headings and "label: value" rows. */
export function DataList({ nodes, daten }: { nodes: FormNode[]; daten: Record<string, unknown> }) {
  return (
    <dl class="vb-facts">
      {describeData(nodes, daten).map((line) =>
        line.value === undefined ? (
          <>
            <dt class="vb-facts__group">{line.label}</dt>
            <dd></dd>
          </>
        ) : (
          <>
            <dt>{line.label}</dt>
            <dd>{line.value || '–'}</dd>
          </>
        ),
      )}
    </dl>
  );
}
