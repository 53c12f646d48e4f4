import type { Child } from 'hono/jsx';

/** A column label; `numeric` right-aligns the column (KERN). */
export type Column = string | { label: string; numeric?: boolean };

/** The header row of a KERN table from its column labels. */
export function TableHeadRow({ head }: { head: Column[] }) {
  return (
    <tr class="kern-table__row">
      {head.map((column) =>
        typeof column === 'string' ? (
          <th scope="col" class="kern-table__header">
            {column}
          </th>
        ) : (
          <th scope="col" class={`kern-table__header${column.numeric ? ' kern-table__header--numeric' : ''}`}>
            {column.label}
          </th>
        ),
      )}
    </tr>
  );
}

/**
 * A striped, responsive KERN table: a caption (or `labelledBy`, the id of a heading that names
 * it), a header row from the column labels, and the body rows as children.
 */
export function Table({
  caption,
  labelledBy,
  head,
  children,
}: {
  caption?: string;
  labelledBy?: string;
  head: Column[];
  children: Child;
}) {
  return (
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--striped" aria-labelledby={labelledBy}>
        {caption ? <caption class="kern-title vb-caption">{caption}</caption> : null}
        <thead class="kern-table__header">
          <TableHeadRow head={head} />
        </thead>
        <tbody class="kern-table__body">{children}</tbody>
      </table>
    </div>
  );
}

/** A body row. */
export const Tr = ({ children }: { children?: Child }) => <tr class="kern-table__row">{children}</tr>;

/** A body cell. */
export const Td = ({ children }: { children?: Child }) => <td class="kern-table__cell">{children}</td>;
