import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../app/http/context.ts';
import { PortalErrorPage } from '../services/web/portal.pages.tsx';
import type { AppError } from '../shared/errors.ts';
import { Layout } from './layout.tsx';

export function renderErrorPage(c: Context<AppEnv>, error: AppError) {
  // Citizens never see the staff frame: errors raised before a portal route runs (body limits,
  // control characters) get the portal's page.
  if (c.req.path === '/portal' || c.req.path.startsWith('/portal/')) return renderPortalError(c, error);
  if (error.status === 401) return c.redirect(`/anmelden?weiter=${encodeURIComponent(c.req.path)}`, 303);
  const principal = c.get('principal') ?? null;
  return c.html(
    <Layout title="Fehler" principal={principal}>
      <h1 class="kern-heading-large">
        {error.status === 404
          ? 'Nicht gefunden'
          : error.status === 429
            ? 'Zu viele Anfragen'
            : 'Das hat nicht geklappt'}
      </h1>
      <div class="kern-alert kern-alert--danger" role="alert">
        <div class="kern-alert__body">
          <p class="kern-body">{error.messageDe}</p>
          <p class="kern-body kern-body--small">Fehlercode: {error.code}</p>
        </div>
      </div>
      <p class="kern-body">
        <a class="kern-link" href="/">
          Zur Startseite
        </a>
      </p>
    </Layout>,
    error.status as ContentfulStatusCode,
  );
}

/** The portal's error page: the citizen's frame, a title by status, the German message. */
export function renderPortalError(c: Context<AppEnv>, error: AppError) {
  const title =
    error.status === 404
      ? 'Nicht gefunden'
      : error.status === 403
        ? 'Nicht erlaubt'
        : error.status === 429
          ? 'Zu viele Anfragen'
          : 'Das hat nicht geklappt';
  return c.html(
    <PortalErrorPage title={title} message={error.messageDe} status={error.status} />,
    error.status as ContentfulStatusCode,
  );
}
