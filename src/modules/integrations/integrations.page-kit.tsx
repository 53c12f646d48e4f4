import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/context.ts';
import { toAppError } from '../../platform/http/problem.ts';

/** Back to /anbindungen with the error's German text as the flash; a 5xx is not the user's to read. */
export const redirectWithError = (c: Context<AppEnv>, error: unknown) => {
  const appError = toAppError(error);
  if (appError.status >= 500) throw error;
  return c.redirect(`/anbindungen?fehler=${encodeURIComponent(appError.messageDe)}`, 303);
};

/** Runs a form action: on success back to /anbindungen with its message, on a refusal with the reason. */
export const formAction = async (c: Context<AppEnv>, work: () => Promise<string>) => {
  try {
    return c.redirect(`/anbindungen?ok=${encodeURIComponent(await work())}`, 303);
  } catch (error) {
    return redirectWithError(c, error);
  }
};

/** The posted form's text fields, trimmed; a missing field reads as ''. */
export const formFields = async (c: Context<AppEnv>) => {
  const body = await c.req.parseBody();
  return (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
};

/** Renders /anbindungen (for handlers that answer with the page itself, e.g. showing a token once). */
export type RenderAnbindungen = (
  c: Context<AppEnv>,
  extra?: { neuesToken?: { name: string; token: string } },
) => Promise<Response>;
