import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.ts';
import { streamMultipartFiles } from '../../../platform/http/multipart.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import { safeFileName } from '../../ingest/ingest.module.ts';
import { antragErrors } from '../antraege/antraege.errors.ts';
import type { PortalDeps } from '../ozg.deps.ts';
import { renderPortalError, withPortalErrors } from './portal-error.page.tsx';
import type { PortalLimits } from './portal-limits.ts';
import { ReceiptPage } from './receipt.page.tsx';
import { StatusPage } from './status.page.tsx';
import { TrackingFormPage } from './tracking.page.tsx';

/** After sending: the receipt, following the Antrag by tracking code, Nachreichung, the Bescheid. */
export function registerStatusPages(app: Hono<AppEnv>, { ozg, blobs }: PortalDeps, limits: PortalLimits) {
  const { antraege } = ozg;

  app.get('/portal/eingang/:code', limits.tracking, async (c) =>
    withPortalErrors(c, async () =>
      c.html(<ReceiptPage antrag={await antraege.track(c.req.param('code'))} />),
    ),
  );

  // The empty form is free; a lookup counts.
  const limitLookup: typeof limits.tracking = (c, next) =>
    c.req.query('code')?.trim() ? limits.tracking(c, next) : next();
  app.get('/portal/status', limitLookup, async (c) => {
    const code = (c.req.query('code') ?? '').trim().slice(0, 60);
    if (!code) return c.html(<TrackingFormPage code="" />);
    try {
      const antrag = await antraege.track(code);
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

  app.get('/portal/status/:code', limits.tracking, async (c) =>
    withPortalErrors(c, async () => {
      const antrag = await antraege.track(c.req.param('code'));
      return c.html(
        <StatusPage
          antrag={antrag}
          notice={c.req.query('ok')?.slice(0, 200)}
          error={c.req.query('fehler')?.slice(0, 300)}
        />,
      );
    }),
  );

  app.get('/portal/status/:code/quittung.pdf', limits.tracking, async (c) =>
    withPortalErrors(c, async () => {
      const antrag = await antraege.track(c.req.param('code'));
      const pdf = await antraege.renderPdf(antrag, 'quittung');
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="eingangsbestaetigung-${antrag.nummer}.pdf"`,
        'x-content-type-options': 'nosniff',
      });
    }),
  );

  app.post('/portal/status/:code/nachreichen', limits.tracking, limits.upload, async (c) => {
    const code = c.req.param('code');
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

  app.get('/portal/status/:code/bescheid/:dokument', limits.tracking, async (c) =>
    withPortalErrors(c, async () => {
      const { antrag, version } = await antraege.bescheidDatei(c.req.param('code'), c.req.param('dokument'));
      if (!version) return renderPortalError(c, antragErrors.bescheidNotFound());
      const { body, size } = await blobs.stream(version.sha256);
      return c.body(body, 200, {
        'content-type': version.mime,
        'content-length': String(size),
        'content-disposition': `attachment; filename="bescheid-${antrag.nummer}-${version.dateiname.replace(/[^\w.-]/g, '_')}"`,
        'x-content-type-options': 'nosniff',
      });
    }),
  );
}
