import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../../platform/http/context.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import type { AppError } from '../../../shared/errors.ts';
import { PortalLayout } from './portal.layout.tsx';

export function PortalErrorPage({
  title,
  message,
  status,
}: {
  title: string;
  message: string;
  status: number;
}) {
  return (
    <PortalLayout title={title}>
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{message}</p>
      <p class="kern-body">
        <a class="kern-link" href="/portal">
          Zur Übersicht der Leistungen
        </a>
      </p>
      <p class="kern-body kern-body--small vb-muted">Fehlercode {status}</p>
    </PortalLayout>
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

/** Known errors become a German error page with the right status; others go to the app's handler. */
export async function withPortalErrors(c: Context<AppEnv>, work: () => Promise<Response>) {
  try {
    return await work();
  } catch (error) {
    const appError = toAppError(error);
    if (appError.status >= 500) throw error;
    return renderPortalError(c, appError);
  }
}
