import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/context.ts';
import { TextField } from '../../platform/ui/components.tsx';
import { redirectWithError } from '../../platform/ui/flash.tsx';

/** Runs a form action: on success back to /anbindungen with its message, on a refusal with the reason. */
export const formAction = async (c: Context<AppEnv>, work: () => Promise<string>) => {
  try {
    return c.redirect(`/anbindungen?ok=${encodeURIComponent(await work())}`, 303);
  } catch (error) {
    return redirectWithError(c, '/anbindungen', error);
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

/** The input of a Kennung (connector, Fachverfahren) with how one is written. */
export const KennungField = ({ id, name, beispiel }: { id: string; name: string; beispiel: string }) => (
  <TextField
    id={id}
    name={name}
    label="Kennung"
    hint={`Kleinbuchstaben, Ziffern, Bindestriche, z. B. ${beispiel}`}
  />
);
