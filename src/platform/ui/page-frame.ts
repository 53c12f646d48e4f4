import type { Context } from 'hono';
import type { AppEnv } from '../http/context.ts';
import type { Principal } from '../http/principal.ts';
import { type FlashMessage, flashFromQuery } from './flash.tsx';

/** What every staff page shows besides its content: who is signed in, their county, the flash. */
export type PageFrame = { principal: Principal; tenantName: string; flash?: FlashMessage };

/** Where a county's name comes from (the Verbund module, passed in by the page). */
export type MemberNames = {
  getMember: (tenantId: string) => Promise<{ name: string } | null | undefined>;
};

/**
 * The frame of a staff page: the signed-in person, their county's name and the flash of a
 * redirect (`okLength` as flashFromQuery); null when nobody is signed in (then: toLogin).
 */
export async function pageFrame(
  c: Context<AppEnv>,
  members: MemberNames,
  { okLength }: { okLength?: number } = {},
): Promise<PageFrame | null> {
  const principal = c.get('principal');
  if (!principal) return null;
  const tenant = await members.getMember(principal.tenantId);
  return { principal, tenantName: tenant?.name ?? '', flash: flashFromQuery(c, { okLength }) };
}

/** To the sign-in page, and back to this page afterwards. */
export const toLogin = (c: Context<AppEnv>) =>
  c.redirect(`/anmelden?weiter=${encodeURIComponent(c.req.path)}`, 303);
