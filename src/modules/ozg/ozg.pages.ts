import type { Hono } from 'hono';
import { csrfProtection, resolvePrincipal } from '../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { registerAntraegePages } from './antraege/antraege.pages.tsx';
import { registerFormularePages } from './formulare/formulare.pages.tsx';
import { registerOnlinedienstePages } from './leistungen/onlinedienste.pages.tsx';
import type { StaffDeps } from './ozg.deps.ts';

/**
 * Staff pages of the OZG module at /onlinedienste: the county's Anträge and their case work, the
 * Verbund's services with this county's activation, and the FIM form import. Plain forms with redirects.
 */
export function registerOzgStaffPages(app: Hono<AppEnv>, deps: StaffDeps) {
  for (const path of ['/onlinedienste', '/onlinedienste/*']) app.use(path, resolvePrincipal, csrfProtection);
  registerOnlinedienstePages(app, deps);
  registerFormularePages(app, deps);
  registerAntraegePages(app, deps);
}
