import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { ErrorSummary } from '../../../platform/ui/components.tsx';
import type { FormDefinition } from '../formulare/form.models.ts';
import { fileValues } from '../formulare/form-data.models.ts';
import { idOf, type RenderContext } from '../formulare/form-field.tsx';
import { NodeView } from '../formulare/form-node.tsx';
import { pagesOf } from '../formulare/form-pages.models.ts';
import type { FieldError } from '../formulare/form-validation.models.ts';
import type { Leistung } from '../leistungen/leistungen.models.ts';
import { PortalLayout } from './portal.layout.tsx';

export type DraftView = {
  id: string;
  tenantId: string;
  tenantName: string;
  leistung: Leistung;
  gemeinde: { ags: string; name: string };
};

export const draftBase = (d: DraftView) => `/portal/antrag/${d.tenantId}/${d.id}`;

/** One page of the citizen's form: the FIM nodes of that page, the step, Weiter/Zurück. */
export function FormPageView({
  draft,
  index,
  errors,
}: {
  draft: DraftView & { definition: FormDefinition; daten: Record<string, unknown> };
  index: number;
  errors: FieldError[];
}) {
  const pages = pagesOf(draft.definition);
  const daten = draft.daten;
  const page = pages[index]!;
  const ctx: RenderContext = {
    errors,
    files: new Map(fileValues(daten).map((f) => [f.path, f.value])),
  };
  return (
    <PortalLayout title={`${page.title} – ${draft.leistung.name}`}>
      <p class="kern-body kern-body--small vb-muted">
        {draft.leistung.name} · zuständig: {draft.tenantName} ({draft.gemeinde.name})
      </p>
      <h1 class="kern-heading-large">{page.title}</h1>
      <p class="kern-body" id="schritt">
        Schritt {index + 1} von {pages.length + 1}
      </p>
      <progress
        class="kern-progress vb-progress"
        max={pages.length + 1}
        value={index + 1}
        aria-labelledby="schritt"
      >
        {index + 1} von {pages.length + 1}
      </progress>
      <ErrorSummary errors={errors.map((e) => ({ field: idOf(e.path), message: e.message }))} />
      <form
        method="post"
        action={`${draftBase(draft)}/seite/${index + 1}`}
        enctype="multipart/form-data"
        novalidate
      >
        <div class="kern-stack">
          {page.nodes.map((node) => (
            <NodeView node={node} path={node.id} value={daten[node.id]} ctx={ctx} />
          ))}
          <div class="vb-actions">
            <SubmitButton
              name="_aktion"
              value="weiter"
              label={index + 1 === pages.length ? 'Weiter zur Zusammenfassung' : 'Weiter'}
            />
            {index > 0 ? (
              <SubmitButton name="_aktion" value="zurueck" kind="secondary" label="Zurück" />
            ) : null}
          </div>
        </div>
      </form>
    </PortalLayout>
  );
}
