import type { FormDefinition, FormNode } from './form.models.ts';

/** One page of the portal form: a top-level group, or the run of top-level fields. */
export type FormPage = { title: string; nodes: FormNode[] };

export function pagesOf(definition: FormDefinition): FormPage[] {
  const pages: FormPage[] = [];
  let loose: FormNode[] = [];
  const flush = () => {
    if (loose.length)
      pages.push({ title: pages.length === 0 ? 'Allgemeine Angaben' : 'Weitere Angaben', nodes: loose });
    loose = [];
  };
  for (const node of definition.children) {
    if (node.kind === 'group') {
      flush();
      pages.push({ title: node.label, nodes: [node] });
    } else loose.push(node);
  }
  flush();
  return pages;
}

/** The index of the page that holds the input at `path` (0 if none does). */
export function pageOfPath(pages: FormPage[], path: string) {
  return Math.max(
    0,
    pages.findIndex((p) =>
      p.nodes.some(
        (node) => path === node.id || path.startsWith(`${node.id}.`) || path.startsWith(`${node.id}[`),
      ),
    ),
  );
}
