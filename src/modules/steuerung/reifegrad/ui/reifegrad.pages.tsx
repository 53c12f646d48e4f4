import type { Context, Hono } from 'hono';
import { csrfProtection, resolvePrincipal } from '../../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../../platform/http/context.ts';
import { type MemberNames, pageFrame, toLogin } from '../../../../platform/ui/page-frame.ts';
import { reifegradErrors } from '../reifegrad.errors.ts';
import { leistungIdParam } from '../reifegrad.schemas.ts';
import type { ReifegradUsecases } from '../reifegrad.usecases.ts';
import {
  darfReifegradErfassen,
  leeresReifegradFormular,
  pruefeReifegradFormular,
  REIFEGRAD_FELDER,
} from './reifegrad.forms.ts';
import { ReifegradLeistung, ReifegradListe } from './reifegrad.page.tsx';

/**
 * Staff pages /steuerung/reifegrad: the county's Leistungen with their level, one Leistung with its
 * ten criteria and a plain form to record them (the API's schema and use-case, so the same checks
 * and the same audit event). htmx, when loaded, swaps only the Leistung's part of the page.
 */
export function registerReifegradPages(
  app: Hono<AppEnv>,
  { reifegrad, verbund }: { reifegrad: ReifegradUsecases; verbund: MemberNames },
) {
  app.use('/steuerung/reifegrad', resolvePrincipal, csrfProtection);
  app.use('/steuerung/reifegrad/*', resolvePrincipal, csrfProtection);
  const idAus = (c: Context<AppEnv>) => {
    const geprueft = leistungIdParam.safeParse({ id: c.req.param('id') });
    if (!geprueft.success) throw reifegradErrors.leistungNotFound();
    return geprueft.data.id;
  };

  app.get('/steuerung/reifegrad', async (c) => {
    const frame = await pageFrame(c, verbund);
    if (!frame) return toLogin(c);
    return c.html(<ReifegradListe frame={frame} items={await reifegrad.liste(frame.principal)} />);
  });

  app.get('/steuerung/reifegrad/:id', async (c) => {
    const frame = await pageFrame(c, verbund);
    if (!frame) return toLogin(c);
    const l = await reifegrad.leistung(frame.principal, idAus(c));
    return c.html(<ReifegradLeistung frame={frame} l={l} form={leeresReifegradFormular()} />);
  });

  app.post('/steuerung/reifegrad/:id', async (c) => {
    const frame = await pageFrame(c, verbund);
    if (!frame) return toLogin(c);
    const id = idAus(c);
    if (!darfReifegradErfassen(frame.principal)) throw reifegradErrors.nurAdministration();
    const body = await c.req.parseBody();
    const werte = Object.fromEntries(
      REIFEGRAD_FELDER.map((f) => [f, typeof body[f] === 'string' ? (body[f] as string).trim() : '']),
    );
    const geprueft = pruefeReifegradFormular(werte);
    if (geprueft.ok) {
      const l = await reifegrad.erfassen(frame.principal, id, geprueft.input);
      const ok = encodeURIComponent(`Kriterien gespeichert: Reifegrad ${l.stufe} ${l.stufenName}.`);
      return c.redirect(`/steuerung/reifegrad/${id}?ok=${ok}`, 303);
    }
    const l = await reifegrad.leistung(frame.principal, id);
    const seite = <ReifegradLeistung frame={frame} l={l} form={{ werte, fehler: geprueft.fehler }} />;
    // htmx swaps only 2xx answers: it gets the refused form with 200, a plain form post 400.
    return c.html(seite, c.req.header('hx-request') === 'true' ? 200 : 400);
  });
}
