import type { Hono } from 'hono';
import { csrfProtection, resolvePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { type MemberNames, pageFrame, toLogin } from '../../../platform/ui/page-frame.ts';
import { steuerungErrors } from '../steuerung.errors.ts';
import type { SteuerungAnsicht } from './ansicht.usecases.ts';
import { SteuerungPage } from './steuerung.page.tsx';

/** Staff page /steuerung?jahr=: the figures the database lets the signed-in person see. */
export function registerSteuerungPages(
  app: Hono<AppEnv>,
  { ansicht, verbund }: { ansicht: SteuerungAnsicht; verbund: MemberNames },
) {
  app.use('/steuerung', resolvePrincipal, csrfProtection);
  app.get('/steuerung', async (c) => {
    const principal = c.get('principal');
    if (!principal) return toLogin(c);
    const text = c.req.query('jahr');
    const jahr = text === undefined || text === '' ? new Date().getUTCFullYear() : Number(text);
    if (!/^\d{4}$/.test(text ?? '2000') || jahr < 2000 || jahr > 2100) throw steuerungErrors.jahr(text ?? '');
    // The frame (the county's name) is read while the figures are, not before them.
    const [frame, bericht] = await Promise.all([pageFrame(c, verbund), ansicht.bericht({ principal, jahr })]);
    if (!frame) return toLogin(c);
    return c.html(<SteuerungPage frame={frame} bericht={bericht} />);
  });
}
