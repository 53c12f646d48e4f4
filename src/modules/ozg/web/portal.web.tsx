import type { Context, Hono } from 'hono';
import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { crossOrigin, isCrossSiteRequest } from '../../../platform/http/headers.ts';
import { streamMultipartFiles } from '../../../platform/http/multipart.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import { rateLimit } from '../../../platform/http/rate-limit.ts';
import { AppError } from '../../../shared/errors.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import { safeFileName } from '../../ingest/ingest.module.ts';
import { pagesOf } from '../drafts.usecases.ts';
import { validateFormData } from '../fim/form.values.ts';
import type { OzgModule } from '../ozg.module.ts';
import {
  FormPageView,
  LeistungPage,
  PortalStartPage,
  ReceiptPage,
  StatusPage,
  SummaryPage,
  TrackingFormPage,
} from './portal.pages.tsx';
import { renderPortalError } from './portal-error.page.tsx';

/** What these handlers use, given by the composition root. */
export type PortalDeps = { blobs: BlobStore; database: DatabaseHandle; ozg: OzgModule };

/**
 * The citizen portal at /portal: find a service, choose the municipality (→ responsible county),
 * fill the form page by page, check the summary, send, follow the status with the tracking code.
 * Plain HTML forms and redirects (POST → 303 → GET); no JavaScript needed, no account.
 */
export function registerPortalPages(app: Hono<AppEnv>, deps: PortalDeps) {
  const ozg = (_c: Context<AppEnv>) => deps.ozg;
  // Forms post only to our own origin (CSRF): a cross-site POST carries a foreign Origin header or
  // Sec-Fetch-Site: cross-site. No page is cached: drafts and status pages show personal data.
  app.use('/portal/*', async (c, next) => {
    if (c.req.method === 'POST' && isCrossSiteRequest(c)) return renderPortalError(c, crossOrigin());
    c.header('cache-control', 'no-store');
    await next();
  });

  // Per client address (VERBUND_RATE_*): starting and sending Anträge, saving pages with
  // attachments, and every request that names a tracking code (the code is the only secret).
  const limitStart = rateLimit({ bucket: 'portal_start', rule: (l) => l.portalSubmit });
  const limitSubmit = rateLimit({ bucket: 'portal_submit', rule: (l) => l.portalSubmit });
  const limitUpload = rateLimit({ bucket: 'portal_upload', rule: (l) => l.portalUpload });
  const limitTracking = rateLimit({ bucket: 'tracking', rule: (l) => l.tracking });

  app.get('/portal', async (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const leistungen = await ozg(c).catalog.listLeistungen({ q });
    return c.html(<PortalStartPage q={q} leistungen={leistungen} />);
  });

  app.get('/portal/leistungen/:id', async (c) =>
    guard(c, async () => {
      const leistung = await ozg(c).catalog.getLeistung(c.req.param('id'));
      const ort = (c.req.query('ort') ?? '').trim().slice(0, 100);
      const gemeinden = ort ? await ozg(c).catalog.findGemeinden(ort) : [];
      return c.html(
        <LeistungPage
          leistung={leistung}
          ort={ort}
          gemeinden={gemeinden}
          error={c.req.query('fehler')?.slice(0, 300)}
        />,
      );
    }),
  );

  app.post('/portal/leistungen/:id/antrag', limitStart, async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const ags = typeof body.gemeinde === 'string' ? body.gemeinde : '';
    try {
      const draft = await ozg(c).drafts.start(id, ags);
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

  const pageNumber = (c: Context<AppEnv>) => {
    const n = Number.parseInt(c.req.param('n') ?? '', 10);
    return Number.isFinite(n) && n >= 1 && n <= 100 ? n : 0;
  };

  app.get('/portal/antrag/:tenant/:draft/seite/:n', async (c) =>
    guard(c, async () => {
      const draft = await ozg(c).drafts.load(c.req.param('tenant'), c.req.param('draft'));
      if (!draft.definition)
        return renderPortalError(
          c,
          new AppError({
            code: 'formular.missing',
            status: 404,
            message: 'no form',
            messageDe: 'Für diese Leistung gibt es noch kein Online-Formular.',
          }),
        );
      const pages = pagesOf(draft.definition);
      const n = pageNumber(c);
      if (!n || n > pages.length)
        return c.redirect(`/portal/antrag/${draft.tenantId}/${draft.id}/seite/1`, 303);
      return c.html(
        <FormPageView draft={{ ...draft, definition: draft.definition! }} index={n - 1} errors={[]} />,
      );
    }),
  );

  app.post('/portal/antrag/:tenant/:draft/seite/:n', limitUpload, async (c) =>
    guard(c, async () => {
      const tenantId = c.req.param('tenant');
      const draftId = c.req.param('draft');
      const antraege = ozg(c).antraege;
      const { fields, files } = await streamMultipartFiles(c, ({ stream }) => antraege.storeFile(stream), {
        maxFiles: 20,
      });
      const n = pageNumber(c);
      const result = await ozg(c).drafts.savePage(
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
      const draft = await ozg(c).drafts.load(tenantId, draftId);
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
    guard(c, async () => {
      const draft = await ozg(c).drafts.load(c.req.param('tenant'), c.req.param('draft'));
      if (!draft.definition) return c.redirect('/portal', 303);
      const pages = pagesOf(draft.definition);
      const { errors } = validateFormData(draft.definition, draft.daten);
      const withPage = errors.map((e) => ({
        ...e,
        page: Math.max(
          0,
          pages.findIndex((p) =>
            p.nodes.some(
              (node) =>
                e.path === node.id || e.path.startsWith(`${node.id}.`) || e.path.startsWith(`${node.id}[`),
            ),
          ),
        ),
      }));
      return c.html(<SummaryPage draft={draft} pages={pages} daten={draft.daten} errors={withPage} />);
    }),
  );

  app.post('/portal/antrag/:tenant/:draft/absenden', limitSubmit, async (c) =>
    guard(c, async () => {
      const tenantId = c.req.param('tenant');
      const draftId = c.req.param('draft');
      try {
        const result = await ozg(c).drafts.submit(tenantId, draftId);
        return c.redirect(`/portal/eingang/${result.trackingCode}`, 303);
      } catch (error) {
        const appError = toAppError(error);
        if (appError.code === 'antrag.invalid')
          return c.redirect(`/portal/antrag/${tenantId}/${draftId}/zusammenfassung`, 303);
        throw error;
      }
    }),
  );

  app.get('/portal/eingang/:code', limitTracking, async (c) =>
    guard(c, async () => c.html(<ReceiptPage antrag={await ozg(c).antraege.track(c.req.param('code'))} />)),
  );

  // The empty form is free; a lookup counts.
  const limitLookup: typeof limitTracking = (c, next) =>
    c.req.query('code')?.trim() ? limitTracking(c, next) : next();
  app.get('/portal/status', limitLookup, async (c) => {
    const code = (c.req.query('code') ?? '').trim().slice(0, 60);
    if (!code) return c.html(<TrackingFormPage code="" />);
    try {
      const antrag = await ozg(c).antraege.track(code);
      return c.redirect(`/portal/status/${antrag.trackingCode}`, 303);
    } catch (error) {
      if (toAppError(error).status !== 404) throw error;
      return c.html(
        <TrackingFormPage
          code={code}
          error="Zu diesem Vorgangscode haben wir keinen Antrag gefunden. Bitte prüfen Sie die Eingabe."
        />,
        404,
      );
    }
  });

  app.get('/portal/status/:code', limitTracking, async (c) =>
    guard(c, async () => {
      const antrag = await ozg(c).antraege.track(c.req.param('code'));
      return c.html(
        <StatusPage
          antrag={antrag}
          notice={c.req.query('ok')?.slice(0, 200)}
          error={c.req.query('fehler')?.slice(0, 300)}
        />,
      );
    }),
  );

  app.get('/portal/status/:code/quittung.pdf', limitTracking, async (c) =>
    guard(c, async () => {
      const antraege = ozg(c).antraege;
      const antrag = await antraege.track(c.req.param('code'));
      const pdf = await antraege.renderPdf(antrag, 'quittung');
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="eingangsbestaetigung-${antrag.nummer}.pdf"`,
        'x-content-type-options': 'nosniff',
      });
    }),
  );

  app.post('/portal/status/:code/nachreichen', limitTracking, limitUpload, async (c) => {
    const code = c.req.param('code');
    const antraege = ozg(c).antraege;
    try {
      const { fields, files } = await streamMultipartFiles(c, ({ stream }) => antraege.storeFile(stream), {
        maxFiles: 10,
      });
      await antraege.nachreichen(
        code,
        files.map((f) => ({
          field: null,
          fileName: safeFileName(f.fileName, 'bin'),
          blob: f.result.blob,
          sha512: f.result.sha512,
        })),
        fields.hinweis ?? '',
      );
      return c.redirect(
        `/portal/status/${encodeURIComponent(code)}?ok=${encodeURIComponent('Ihre Unterlagen sind eingegangen.')}`,
        303,
      );
    } catch (error) {
      const appError = toAppError(error);
      if (appError.status >= 500 || appError.status === 404) return renderPortalError(c, appError);
      return c.redirect(
        `/portal/status/${encodeURIComponent(code)}?fehler=${encodeURIComponent(appError.messageDe)}`,
        303,
      );
    }
  });

  app.get('/portal/status/:code/bescheid/:dokument', limitTracking, async (c) =>
    guard(c, async () => {
      const services = deps;
      const { tenantId, dokumentId, antrag } = await services.ozg.antraege.bescheid(
        c.req.param('code'),
        c.req.param('dokument'),
      );
      const version = await services.database.withTenant(tenantId, async (trx) =>
        trx
          .selectFrom('dokument_versionen as v')
          .innerJoin('dokumente as d', (j) =>
            j.onRef('d.id', '=', 'v.dokument_id').onRef('d.aktuelle_version', '=', 'v.version'),
          )
          .select(['v.sha256', 'v.mime', 'v.dateiname'])
          .where('d.id', '=', dokumentId)
          .executeTakeFirst(),
      );
      if (!version)
        return renderPortalError(
          c,
          new AppError({
            code: 'dokument.not_found',
            status: 404,
            message: 'not found',
            messageDe: 'Der Bescheid wurde nicht gefunden.',
          }),
        );
      const { body, size } = await services.blobs.stream(version.sha256);
      return c.body(body, 200, {
        'content-type': version.mime,
        'content-length': String(size),
        'content-disposition': `attachment; filename="bescheid-${antrag.nummer}-${version.dateiname.replace(/[^\w.-]/g, '_')}"`,
        'x-content-type-options': 'nosniff',
      });
    }),
  );
}

/** Known errors become a German error page with the right status; others go to the app's handler. */
async function guard(c: Context<AppEnv>, work: () => Promise<Response>) {
  try {
    return await work();
  } catch (error) {
    const appError = toAppError(error);
    if (appError.status >= 500) throw error;
    return renderPortalError(c, appError);
  }
}
