import type { Hono } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { redirectWithError } from '../../../platform/ui/flash.tsx';
import { formFields, type RenderAnbindungen } from '../integrations.page-kit.tsx';
import type { FachverfahrenUsecases } from './fachverfahren.usecases.ts';

/** Registering a Fachverfahren on /anbindungen; its API token is shown once, on the answering page. */
export function registerFachverfahrenPages(
  app: Hono<AppEnv>,
  { usecases, render }: { usecases: FachverfahrenUsecases; render: RenderAnbindungen },
) {
  app.post('/anbindungen/fachverfahren', async (c) => {
    const principal = requirePrincipal(c);
    const field = await formFields(c);
    try {
      const created = await usecases.registerFachverfahren(principal, {
        kennung: field('kennung'),
        name: field('name'),
      });
      // The token is shown once, in the response body (never in a URL).
      return render(c, { neuesToken: { name: created.name, token: created.token } });
    } catch (error) {
      return redirectWithError(c, '/anbindungen', error);
    }
  });
}
