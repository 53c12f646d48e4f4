import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.ts';
import { streamMultipartFiles } from '../../../platform/http/multipart.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import { safeFileName } from '../../ingest/ingest.module.ts';
import { pageOfPath, pagesOf } from '../formulare/form-pages.models.ts';
import { validateFormData } from '../formulare/form-validation.models.ts';
import { formularErrors } from '../formulare/formulare.errors.ts';
import type { PortalDeps } from '../ozg.deps.ts';
import { FormPageView } from './form.page.tsx';
import { renderPortalError, withPortalErrors } from './portal-error.page.tsx';
import type { PortalLimits } from './portal-limits.ts';
import { SummaryPage } from './summary.page.tsx';

const pageNumber = (c: Context<AppEnv>) => {
  const n = Number.parseInt(c.req.param('n') ?? '', 10);
  return Number.isFinite(n) && n >= 1 && n <= 100 ? n : 0;
};

/** The Antrag in progress: start (municipality chosen), form pages, summary, sending. */
export function registerEntwurfPages(app: Hono<AppEnv>, { ozg }: PortalDeps, limits: PortalLimits) {
  const { antraege, drafts } = ozg;

  app.post('/portal/leistungen/:id/antrag', limits.start, async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const ags = typeof body.gemeinde === 'string' ? body.gemeinde : '';
    try {
      const draft = await drafts.start(id, ags);
      return c.redirect(`/portal/antrag/${draft.tenantId}/${draft.id}/seite/1`, 303);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.status >= 500 || appError.status === 404) throw error;
      return c.redirect(
        `/portal/leistungen/${encodeURIComponent(id)}?fehler=${encodeURIComponent(appError.messageDe)}#zustaendigkeit`,
        303,
      );
    }
  });

  app.get('/portal/antrag/:tenant/:draft/seite/:n', async (c) =>
    withPortalErrors(c, async () => {
      const draft = await drafts.load(c.req.param('tenant'), c.req.param('draft'));
      if (!draft.definition) return renderPortalError(c, formularErrors.missing());
      const pages = pagesOf(draft.definition);
      const n = pageNumber(c);
      if (!n || n > pages.length)
        return c.redirect(`/portal/antrag/${draft.tenantId}/${draft.id}/seite/1`, 303);
      return c.html(
        <FormPageView draft={{ ...draft, definition: draft.definition! }} index={n - 1} errors={[]} />,
      );
    }),
  );

  app.post('/portal/antrag/:tenant/:draft/seite/:n', limits.upload, async (c) =>
    withPortalErrors(c, async () => {
      const tenantId = c.req.param('tenant');
      const draftId = c.req.param('draft');
      const { fields, files } = await streamMultipartFiles(c, ({ stream }) => antraege.storeFile(stream), {
        maxFiles: 20,
      });
      const n = pageNumber(c);
      const result = await drafts.savePage(
        tenantId,
        draftId,
        n - 1,
        fields,
        files.map((f) => ({
          field: f.field,
          fileName: safeFileName(f.fileName, 'bin'),
          blob: f.result.blob,
          sha512: f.result.sha512,
        })),
      );
      const base = `/portal/antrag/${tenantId}/${draftId}`;
      if (result.aktion === 'zurueck') return c.redirect(`${base}/seite/${Math.max(1, n - 1)}`, 303);
      const draft = await drafts.load(tenantId, draftId);
      const pages = pagesOf(draft.definition!);
      if (result.aktion !== 'weiter' || result.errors.length > 0)
        return c.html(
          <FormPageView
            draft={{ ...draft, definition: draft.definition! }}
            index={n - 1}
            errors={result.errors}
          />,
          result.errors.length > 0 ? 422 : 200,
        );
      return c.redirect(n >= pages.length ? `${base}/zusammenfassung` : `${base}/seite/${n + 1}`, 303);
    }),
  );

  app.get('/portal/antrag/:tenant/:draft/zusammenfassung', async (c) =>
    withPortalErrors(c, async () => {
      const draft = await drafts.load(c.req.param('tenant'), c.req.param('draft'));
      if (!draft.definition) return c.redirect('/portal', 303);
      const pages = pagesOf(draft.definition);
      const { errors } = validateFormData(draft.definition, draft.daten);
      const withPage = errors.map((e) => ({ ...e, page: pageOfPath(pages, e.path) }));
      return c.html(<SummaryPage draft={draft} pages={pages} daten={draft.daten} errors={withPage} />);
    }),
  );

  app.post('/portal/antrag/:tenant/:draft/absenden', limits.submit, async (c) =>
    withPortalErrors(c, async () => {
      const tenantId = c.req.param('tenant');
      const draftId = c.req.param('draft');
      try {
        const result = await drafts.submit(tenantId, draftId);
        return c.redirect(`/portal/eingang/${result.trackingCode}`, 303);
      } catch (error) {
        if (toAppError(error).code === 'antrag.invalid')
          return c.redirect(`/portal/antrag/${tenantId}/${draftId}/zusammenfassung`, 303);
        throw error;
      }
    }),
  );
}
