import type { Hono } from 'hono';
import { csrfProtection, requirePrincipal, resolvePrincipal } from '../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { StartPage } from './start.page.tsx';
import { VerbundPage } from './verbund.page.tsx';
import type { VerbundUsecases } from './verbund.usecases.ts';

/** The staff start page (the county, the members, what is activated) and the Verbund overview. */
export function registerVerbundPages(app: Hono<AppEnv>, deps: { verbund: VerbundUsecases }) {
  for (const path of ['/', '/verbund']) app.use(path, resolvePrincipal, csrfProtection);

  app.get('/', async (c) => {
    const principal = c.get('principal');
    if (!principal) return c.redirect('/anmelden', 303);
    const [tenant, members, activations] = await Promise.all([
      deps.verbund.getMember(principal.tenantId),
      deps.verbund.listMembers(),
      deps.verbund.listActivations({ tenantId: principal.tenantId }),
    ]);
    return c.html(
      <StartPage principal={principal} tenant={tenant!} members={members} activations={activations} />,
    );
  });

  app.get('/verbund', async (c) => {
    const principal = requirePrincipal(c);
    const [overview, tenant] = await Promise.all([
      deps.verbund.getVerbund(),
      deps.verbund.getMember(principal.tenantId),
    ]);
    return c.html(<VerbundPage principal={principal} tenantName={tenant?.name ?? ''} overview={overview} />);
  });
}
