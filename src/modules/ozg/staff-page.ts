import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/context.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { type FlashMessage, flashFromQuery } from '../../platform/ui/flash.tsx';
import type { StaffDeps } from './ozg.deps.ts';

/** What every staff page shows besides its content: who is signed in, their county, the flash. */
export type StaffFrame = { principal: Principal; tenantName: string; flash?: FlashMessage };

/**
 * A staff page's GET handler: the signed-in person (otherwise to the login), the page's data and
 * the county's name loaded together, then the page.
 */
export function staffPage<T>(
  { verbund }: Pick<StaffDeps, 'verbund'>,
  load: (c: Context<AppEnv>, principal: Principal) => Promise<T>,
  render: (c: Context<AppEnv>, frame: StaffFrame, data: T) => Response | Promise<Response>,
) {
  return async (c: Context<AppEnv>) => {
    const principal = c.get('principal');
    if (!principal) return c.redirect(`/anmelden?weiter=${encodeURIComponent(c.req.path)}`, 303);
    const [data, tenant] = await Promise.all([load(c, principal), verbund.getMember(principal.tenantId)]);
    return render(c, { principal, tenantName: tenant?.name ?? '', flash: flashFromQuery(c) }, data);
  };
}
