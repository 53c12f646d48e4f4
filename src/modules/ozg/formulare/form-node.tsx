import type { FormGroup, FormNode } from './form.models.ts';
import { errorFor, FieldInput, idOf, type RenderContext } from './form-field.tsx';

/** A FIM node: a field (repeatable: one input per value) or a group (repeatable: add/remove buttons). */
export function NodeView({
  node,
  path,
  value,
  ctx,
}: {
  node: FormNode;
  path: string;
  value: unknown;
  ctx: RenderContext;
}) {
  const repeated = node.max === null || node.max > 1;
  if (node.kind === 'field') {
    if (!repeated) return <FieldInput field={node} path={path} value={value} ctx={ctx} />;
    const values = (Array.isArray(value) ? value : []).filter((v) => v !== '' && v !== null);
    const count = Math.min(node.max ?? 99, values.length + 1);
    return (
      <div class="kern-stack">
        {Array.from({ length: Math.max(1, count) }, (_, i) => (
          <FieldInput
            field={{
              ...node,
              label: i === 0 ? node.label : `${node.label} (weitere Angabe)`,
              min: i < node.min ? 1 : 0,
            }}
            path={`${path}[${i}]`}
            value={values[i]}
            ctx={ctx}
          />
        ))}
      </div>
    );
  }
  const group = node as FormGroup;
  const content = (groupPath: string, groupValue: unknown) =>
    group.children.map((child) => (
      <NodeView
        node={child}
        path={`${groupPath}.${child.id}`}
        value={(groupValue as Record<string, unknown> | undefined)?.[child.id]}
        ctx={ctx}
      />
    ));
  const groupError = errorFor(ctx, path);
  if (!repeated)
    return (
      <fieldset class={`kern-fieldset vb-group${groupError ? ' kern-fieldset--error' : ''}`} id={idOf(path)}>
        <legend class="kern-label">
          {group.label}
          {group.min === 0 ? ' (falls zutreffend)' : ''}
        </legend>
        {group.help ? <div class="kern-hint">{group.help}</div> : null}
        {groupError ? (
          <p class="kern-error">
            <span class="kern-body">{groupError}</span>
          </p>
        ) : null}
        <div class="kern-stack">{content(path, value)}</div>
      </fieldset>
    );
  const instances = Array.isArray(value) ? value : [];
  const count = Math.max(group.min, instances.length);
  const missing = errorFor(ctx, `${path}[${instances.length}]`);
  return (
    <div class="kern-stack" id={idOf(path)}>
      {Array.from({ length: count }, (_, i) => (
        <fieldset class="kern-fieldset vb-group" id={idOf(`${path}[${i}]`)}>
          <legend class="kern-label">
            {group.label} ({i + 1})
          </legend>
          <div class="kern-stack">{content(`${path}[${i}]`, instances[i])}</div>
          {i >= group.min ? (
            <button
              type="submit"
              name="_aktion"
              value={`remove:${path}[${i}]`}
              class="kern-btn kern-btn--tertiary kern-btn--small"
            >
              <span class="kern-label">
                {group.label} ({i + 1}) entfernen
              </span>
            </button>
          ) : null}
        </fieldset>
      ))}
      {missing ? (
        <p class="kern-error" id={idOf(`${path}[${instances.length}]`)}>
          <span class="kern-body">{missing}</span>
        </p>
      ) : null}
      {group.max === null || count < group.max ? (
        <button
          type="submit"
          name="_aktion"
          value={`add:${path}`}
          class="kern-btn kern-btn--secondary kern-btn--small"
        >
          <span class="kern-label">{count === 0 ? `${group.label} angeben` : `Weitere: ${group.label}`}</span>
        </button>
      ) : null}
    </div>
  );
}
