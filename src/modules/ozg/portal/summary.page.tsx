import { ErrorSummary } from '../../../platform/ui/components.tsx';
import { DataList } from '../formulare/data-list.tsx';
import { idOf } from '../formulare/form-field.tsx';
import type { FormPage } from '../formulare/form-pages.models.ts';
import type { FieldError } from '../formulare/form-validation.models.ts';
import { type DraftView, draftBase } from './form.page.tsx';
import { PortalLayout } from './portal.layout.tsx';

/** The summary before sending: every page's data, links to change it, the missing inputs. */
export function SummaryPage({
  draft,
  pages,
  daten,
  errors,
}: {
  draft: DraftView;
  pages: FormPage[];
  daten: Record<string, unknown>;
  errors: Array<FieldError & { page: number }>;
}) {
  return (
    <PortalLayout title={`Zusammenfassung – ${draft.leistung.name}`}>
      <h1 class="kern-heading-large">Bitte prüfen Sie Ihre Angaben</h1>
      <p class="kern-body" id="schritt">
        Schritt {pages.length + 1} von {pages.length + 1}
      </p>
      <ErrorSummary
        title="Es fehlen noch Angaben"
        errors={errors.map((e) => ({
          field: idOf(e.path),
          href: `${draftBase(draft)}/seite/${e.page + 1}#${idOf(e.path)}`,
          message: e.message,
        }))}
      />
      <dl class="vb-facts">
        <dt>Leistung</dt>
        <dd>{draft.leistung.name}</dd>
        <dt>Gemeinde</dt>
        <dd>{draft.gemeinde.name}</dd>
        <dt>Zuständig</dt>
        <dd>{draft.tenantName}</dd>
      </dl>
      {pages.map((page, i) => (
        <section class="vb-section">
          <h2 class="kern-heading-medium">{page.title}</h2>
          <DataList nodes={page.nodes} daten={daten} />
          <a class="kern-link" href={`${draftBase(draft)}/seite/${i + 1}`}>
            {page.title} ändern
          </a>
        </section>
      ))}
      <form method="post" action={`${draftBase(draft)}/absenden`}>
        <p class="kern-body">
          Mit dem Absenden wird Ihr Antrag an {draft.tenantName} übermittelt. Sie erhalten eine
          Eingangsbestätigung.
        </p>
        <button type="submit" class="kern-btn kern-btn--primary" disabled={errors.length > 0}>
          <span class="kern-label">Antrag verbindlich absenden</span>
        </button>
      </form>
    </PortalLayout>
  );
}
