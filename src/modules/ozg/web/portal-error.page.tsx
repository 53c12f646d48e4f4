import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../../platform/http/context.ts';
import type { AppError } from '../../../shared/errors.ts';
import { PortalErrorPage } from './portal.pages.tsx';

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
