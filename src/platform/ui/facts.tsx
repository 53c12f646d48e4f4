import type { Child } from 'hono/jsx';

/** Label/value rows of an object (a description list): [label, value] pairs. */
export function Facts({ rows }: { rows: Array<[string, Child]> }) {
  return (
    <dl class="vb-facts">
      {rows.map(([label, value]) => (
        <>
          <dt class="kern-label">{label}</dt>
          <dd class="kern-body">{value}</dd>
        </>
      ))}
    </dl>
  );
}
