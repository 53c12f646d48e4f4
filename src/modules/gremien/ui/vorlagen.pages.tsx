import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import { toLogin } from '../../../platform/ui/page-frame.ts';
import { pageFromQuery } from '../../../platform/ui/pager.tsx';
import { forbidden } from '../../../shared/errors.ts';
import {
  formAction,
  type GremienPagesDeps,
  idParam,
  may,
  type PageFrame,
  pageBase,
  postedForm,
  withOk,
} from './gremien-ui.kit.tsx';
import { vorlageStatusLabels } from './gremien-ui.labels.ts';
import { VorlagePage } from './vorlage.page.tsx';
import {
  emptyVorlageForm,
  type FieldErrors,
  fieldErrorOf,
  readVorlageForm,
  type VorlageFormValues,
  validateVorlage,
  valuesOfVorlage,
} from './vorlage-form.ts';
import { NeueVorlagePage, VorlagenPage } from './vorlagen.page.tsx';

type Status = 'entwurf' | 'freigegeben' | 'veroeffentlicht' | 'zurueckgezogen';

/** The Vorlagen list and the editor: create, change, Freigabe, Veröffentlichung (plain form posts). */
export function registerVorlagenPages(
  app: Hono<AppEnv>,
  { gremien: m, identity, verbund }: GremienPagesDeps,
) {
  const choices = async (frame: PageFrame) => {
    const [gremien, orgUnits] = await Promise.all([
      m.gremien.listGremien(frame.principal),
      identity.listOrgUnits({ tenantId: frame.principal.tenantId }),
    ]);
    return { gremien, orgUnits };
  };

  /** A refused form: the page again with the values as sent and the reason at the field or above. */
  const refused = async (
    c: Context<AppEnv>,
    render: (
      values: VorlageFormValues,
      errors: FieldErrors,
      flash: { kind: 'danger'; text: string } | null,
    ) => Promise<Response>,
    values: VorlageFormValues,
    error: unknown,
  ) => {
    const atField = fieldErrorOf(error, values);
    if (atField) return render(values, atField, null);
    const appError = toAppError(error);
    if (appError.status >= 500) throw error;
    c.status(appError.status as ContentfulStatusCode);
    return render(values, {}, { kind: 'danger', text: appError.messageDe });
  };

  app.get('/vorlagen', async (c) => {
    const frame = await pageBase(c, verbund);
    if (!frame) return toLogin(c);
    const status = c.req.query('status') ?? '';
    const filter = status in vorlageStatusLabels ? (status as Status) : undefined;
    const page = pageFromQuery(c, 25);
    const { items, total } = await m.vorlagen.listVorlagen(frame.principal, { status: filter, ...page });
    return c.html(
      <VorlagenPage frame={frame} items={items} total={total} status={filter ?? ''} page={page} />,
    );
  });

  const renderNew = async (
    c: Context<AppEnv>,
    frame: PageFrame,
    values: VorlageFormValues,
    errors: FieldErrors,
    flash: { kind: 'danger'; text: string } | null = null,
  ) => {
    const [{ gremien, orgUnits }, nummer] = await Promise.all([
      choices(frame),
      m.vorlagen.getNummernvorlage(frame.principal),
    ]);
    if (Object.keys(errors).length > 0) c.status(422);
    return c.html(
      <NeueVorlagePage
        frame={frame}
        values={values}
        errors={errors}
        gremien={gremien}
        orgUnits={orgUnits}
        nummerBeispiel={nummer.beispiel}
        flash={flash}
      />,
    );
  };

  app.get('/vorlagen/neu', async (c) => {
    const frame = await pageBase(c, verbund);
    if (!frame) return toLogin(c);
    if (!may.edit(frame.principal)) throw forbidden();
    return renderNew(c, frame, emptyVorlageForm(), {});
  });

  app.post('/vorlagen', async (c) => {
    const frame = await pageBase(c, verbund);
    if (!frame) return toLogin(c);
    const values = readVorlageForm(await postedForm(c));
    const { input, errors } = validateVorlage(values);
    if (!input) return renderNew(c, frame, values, errors);
    try {
      const vorlage = await m.vorlagen.createVorlage(frame.principal, input);
      return c.redirect(withOk(`/vorlagen/${vorlage.id}`, `Vorlage ${vorlage.drucksachenNr} angelegt.`), 303);
    } catch (error) {
      return refused(c, (v, e, f) => renderNew(c, frame, v, e, f), values, error);
    }
  });

  const renderVorlage = async (
    c: Context<AppEnv>,
    frame: PageFrame,
    id: string,
    form?: {
      values: VorlageFormValues;
      errors: FieldErrors;
      flash?: { kind: 'danger'; text: string } | null;
    },
  ) => {
    const [vorlage, { gremien, orgUnits }, anlagen] = await Promise.all([
      m.vorlagen.getVorlage(frame.principal, id),
      choices(frame),
      m.anlagen.list(frame.principal, id).then(
        (r) => r.items,
        () => [],
      ),
    ]);
    if (form && Object.keys(form.errors).length > 0) c.status(422);
    return c.html(
      <VorlagePage
        frame={frame}
        vorlage={vorlage}
        values={form?.values ?? valuesOfVorlage(vorlage)}
        errors={form?.errors ?? {}}
        flash={form?.flash}
        gremien={gremien}
        orgUnits={orgUnits}
        anlagen={anlagen}
      />,
    );
  };

  app.get('/vorlagen/:id', async (c) => {
    const frame = await pageBase(c, verbund);
    if (!frame) return toLogin(c);
    return renderVorlage(c, frame, idParam(c));
  });

  app.post('/vorlagen/:id', async (c) => {
    const frame = await pageBase(c, verbund);
    if (!frame) return toLogin(c);
    const id = idParam(c);
    const values = readVorlageForm(await postedForm(c));
    const { input, errors } = validateVorlage(values);
    if (!input) return renderVorlage(c, frame, id, { values, errors });
    try {
      const wasReleased = (await m.vorlagen.getVorlage(frame.principal, id)).status === 'freigegeben';
      await m.vorlagen.updateVorlage(frame.principal, id, input);
      const note = wasReleased ? ' Die Freigabe ist aufgehoben; die Leitung muss erneut freigeben.' : '';
      return c.redirect(withOk(`/vorlagen/${id}`, `Gespeichert.${note}`), 303);
    } catch (error) {
      return refused(
        c,
        (v, e, f) => renderVorlage(c, frame, id, { values: v, errors: e, flash: f }),
        values,
        error,
      );
    }
  });

  app.post('/vorlagen/:id/freigabe', async (c) => {
    const principal = requirePrincipal(c);
    const id = idParam(c);
    return formAction(c, `/vorlagen/${id}`, async () => {
      const v = await m.vorlagen.freigeben(principal, id);
      return withOk(`/vorlagen/${id}`, `Vorlage ${v.drucksachenNr} freigegeben.`);
    });
  });

  app.post('/vorlagen/:id/veroeffentlichung', async (c) => {
    const principal = requirePrincipal(c);
    const id = idParam(c);
    return formAction(c, `/vorlagen/${id}`, async () => {
      const v = await m.vorlagen.veroeffentlichen(principal, id);
      return withOk(
        `/vorlagen/${id}`,
        `Vorlage ${v.drucksachenNr} veröffentlicht; die Nummer ist nun unveränderlich.`,
      );
    });
  });
}
