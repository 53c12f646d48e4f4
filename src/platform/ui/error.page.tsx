import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppError } from '../../shared/errors.ts';
import type { AppEnv } from '../http/context.ts';
import { Layout } from './layout.tsx';

export function renderErrorPage(c: Context<AppEnv>, error: AppError) {
  // Citizens never see the staff frame: errors raised before a portal route runs (body limits,
  // control characters) get the portal's page (registered by the OZG module).
  const own = c
    .get('platform')
    .errorPages.find((p) => c.req.path === p.pathPrefix || c.req.path.startsWith(`${p.pathPrefix}/`));
  if (own) return own.render(c, error);
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
