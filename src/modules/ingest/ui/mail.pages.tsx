import type { Context, Hono } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import { formFields } from '../../../platform/ui/form-fields.ts';
import { type PageFrame, pageFrame, toLogin } from '../../../platform/ui/page-frame.ts';
import {
  type EingangFormValues,
  type Errors,
  type ImapFormValues,
  readEingangForm,
  readImapForm,
} from './mail.form.ts';
import { MailListePage, MailPage } from './mail.page.tsx';
import type { PosteingangPagesDeps } from './posteingang-ui.deps.ts';

const EMPTY: EingangFormValues = { adresse: '', name: '', aktenplan: '', oe: '', absender: '' };

/** A refused use-case's text for the form, unless it is no matter of the form (403, 404, 5xx: thrown on). */
function formError(error: unknown) {
  const appError = toAppError(error);
  if (appError.status >= 500 || [401, 403, 404].includes(appError.status)) throw error;
  return appError;
}

/** E-mail intake in the staff UI: intake addresses (list, set up), one with its log and IMAP mailbox. */
export function registerMailPages(app: Hono<AppEnv>, deps: PosteingangPagesDeps) {
  const { mailEingaenge, imapPostfaecher } = deps;
  const smtp = deps.config.intake.smtp;

  async function renderList(
    c: Context<AppEnv>,
    frame: PageFrame,
    values = EMPTY,
    errors: Errors<EingangFormValues> = {},
  ) {
    const [eingaenge, orgUnits] = await Promise.all([
      mailEingaenge.list(frame.principal),
      deps.identity.listOrgUnits({ tenantId: frame.principal.tenantId }),
    ]);
    return c.html(
      <MailListePage
        frame={frame}
        eingaenge={eingaenge}
        smtp={smtp}
        orgUnits={orgUnits}
        values={values}
        errors={errors}
      />,
      Object.keys(errors).length ? 400 : 200,
    );
  }

  async function renderOne(
    c: Context<AppEnv>,
    frame: PageFrame,
    id: string,
    edit?: ImapFormValues,
    errors: Errors<ImapFormValues> = {},
  ) {
    const eingang = await mailEingaenge.get(frame.principal, id);
    const imap = await imapPostfaecher.get(frame.principal, id).catch((error) => {
      if (toAppError(error).status === 404) return null;
      throw error;
    });
    const values: ImapFormValues = edit ?? {
      host: imap?.host ?? '',
      port: String(imap?.port ?? 993),
      tls: imap?.tls ?? true,
      benutzer: imap?.benutzer ?? '',
      passwort: '',
      ordner: imap?.ordner ?? 'INBOX',
      zielOrdner: imap?.zielOrdner ?? '',
    };
    return c.html(
      <MailPage frame={frame} eingang={eingang} imap={imap} smtp={smtp} values={values} errors={errors} />,
      Object.keys(errors).length ? 400 : 200,
    );
  }

  app.get('/posteingang/mail', async (c) => {
    const frame = await pageFrame(c, deps.verbund);
    return frame ? renderList(c, frame) : toLogin(c);
  });

  app.post('/posteingang/mail', async (c) => {
    requirePrincipal(c);
    const frame = (await pageFrame(c, deps.verbund))!;
    const get = await formFields(c);
    const values: EingangFormValues = {
      adresse: get('adresse'),
      name: get('name'),
      aktenplan: get('aktenplan'),
      oe: get('oe'),
      absender: get('absender'),
    };
    const { input, errors } = readEingangForm(values);
    if (Object.keys(errors).length) return renderList(c, frame, values, errors);
    try {
      const eingang = await mailEingaenge.create(frame.principal, input);
      return c.redirect(
        `/posteingang/mail/${eingang.id}?ok=${encodeURIComponent(`Eingangsadresse ${eingang.adresse} eingerichtet.`)}`,
        303,
      );
    } catch (error) {
      const appError = formError(error);
      const field = appError.code.startsWith('aktenplan.')
        ? 'aktenplan'
        : appError.code.startsWith('org_unit.')
          ? 'oe'
          : 'adresse';
      return renderList(c, frame, values, { [field]: appError.messageDe });
    }
  });

  app.get('/posteingang/mail/:id', async (c) => {
    const frame = await pageFrame(c, deps.verbund);
    return frame ? renderOne(c, frame, c.req.param('id')) : toLogin(c);
  });

  app.post('/posteingang/mail/:id/imap', async (c) => {
    requirePrincipal(c);
    const frame = (await pageFrame(c, deps.verbund))!;
    const id = c.req.param('id');
    const get = await formFields(c);
    const values: ImapFormValues = {
      host: get('host'),
      port: get('port'),
      tls: get('tls') === '1',
      benutzer: get('benutzer'),
      passwort: get('passwort'),
      ordner: get('ordner'),
      zielOrdner: get('zielOrdner'),
    };
    const { input, errors } = readImapForm(values);
    if (Object.keys(errors).length) return renderOne(c, frame, id, { ...values, passwort: '' }, errors);
    await imapPostfaecher.set(frame.principal, id, input);
    return c.redirect(`/posteingang/mail/${id}?ok=${encodeURIComponent('IMAP-Postfach gespeichert.')}`, 303);
  });
}
