import type { Context } from 'hono';
import { toAppError } from '../http/problem.ts';
import { Alert } from './components.tsx';

/** A message shown once after a form action (the redirect carries it as `?ok=` or `?fehler=`). */
export type FlashMessage = { kind: 'success' | 'danger'; text: string };

/** The flash of a page: "Erledigt" or "Das hat nicht geklappt" with the message. */
export function Flash({ flash }: { flash?: FlashMessage | null }) {
  return flash ? (
    <Alert kind={flash.kind} title={flash.kind === 'success' ? 'Erledigt' : 'Das hat nicht geklappt'}>
      {flash.text}
    </Alert>
  ) : null;
}

/**
 * The flash from the query of a redirect: `fehler` wins over `ok`; both are cut (an error to 500
 * characters, a success to `okLength`, 300 unless a page says otherwise).
 */
// biome-ignore lint/suspicious/noExplicitAny: any environment; only the query is read
export function flashFromQuery(c: Context<any>, { okLength = 300 } = {}): FlashMessage | undefined {
  const fehler = c.req.query('fehler');
  const ok = c.req.query('ok');
  return fehler
    ? { kind: 'danger', text: fehler.slice(0, 500) }
    : ok
      ? { kind: 'success', text: ok.slice(0, okLength) }
      : undefined;
}

/**
 * Back to `to` with a refused action's German text as the flash (303). A 5xx is not the user's
 * to read: it is thrown on to the error handler.
 */
// biome-ignore lint/suspicious/noExplicitAny: any environment; only the redirect is used
export function redirectWithError(c: Context<any>, to: string, error: unknown) {
  const appError = toAppError(error);
  if (appError.status >= 500) throw error;
  const join = to.includes('?') ? '&' : '?';
  return c.redirect(`${to}${join}fehler=${encodeURIComponent(appError.messageDe)}`, 303);
}
