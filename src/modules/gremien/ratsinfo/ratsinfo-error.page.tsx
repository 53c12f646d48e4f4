import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../../platform/http/context.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import type { AppError } from '../../../shared/errors.ts';
import { H1, RatsinfoLayout } from './ratsinfo.layout.tsx';

/** The error page of the public council pages: their frame, a title by status, the German message. */
export function renderRatsinfoError(c: Context<AppEnv>, error: AppError) {
  const title =
    error.status === 404
      ? 'Nicht gefunden'
      : error.status === 400
        ? 'Ungültige Angabe'
        : 'Das hat nicht geklappt';
  c.header('cache-control', 'no-store');
  return c.html(
    `<!DOCTYPE html>${(
      (
        <RatsinfoLayout title={title}>
          <H1>{title}</H1>
          <p class="kern-body">{error.messageDe}</p>
          <p class="kern-body">
            <a class="kern-link" href="/ratsinfo">
              Zur Übersicht der Landkreise
            </a>
          </p>
          <p class="kern-body kern-body--small vb-muted">Fehlercode: {error.code}</p>
        </RatsinfoLayout>
      )
    ).toString()}`,
    error.status as ContentfulStatusCode,
  );
}

/** Known errors (4xx) become the German error page with their status; others go to the app's handler. */
export async function withRatsinfoErrors(c: Context<AppEnv>, work: () => Promise<Response>) {
  try {
    return await work();
  } catch (error) {
    const appError = toAppError(error);
    if (appError.status >= 500) throw error;
    return renderRatsinfoError(c, appError);
  }
}
