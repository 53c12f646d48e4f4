import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import { toLogin } from '../../../platform/ui/page-frame.ts';
import { pageFromQuery } from '../../../platform/ui/pager.tsx';
import { badRequest } from '../../../shared/errors.ts';
import type { SitzungStatus } from '../sitzungen/sitzungen.models.ts';
import {
  berlinInstant,
  dayOf,
  formAction,
  type GremienPagesDeps,
  idParam,
  isUuid,
  type PageFrame,
  pageBase,
  postedForm,
  withOk,
} from './gremien-ui.kit.tsx';
import { sitzungStatusLabels } from './gremien-ui.labels.ts';
import { type NeuerTopValues, SitzungPage } from './sitzung.page.tsx';
import { type NeueSitzungValues, SitzungenPage } from './sitzungen.page.tsx';
import type { FieldErrors } from './vorlage-form.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const EMPTY_SITZUNG: NeueSitzungValues = { gremiumId: '', datum: '', beginn: '', ende: '', ort: '' };
const EMPTY_TOP: NeuerTopValues = { titel: '', teil: 'oeffentlich', vorlageId: '' };

/** A refusal as German text at a field of the form (or above it), the page answered with its status. */
const refusal = (error: unknown, fields: Record<string, string>): { errors: FieldErrors; status: number } => {
  const e = toAppError(error);
  if (e.status >= 500) throw error;
  return { errors: { [fields[e.code] ?? 'fehler']: e.messageDe }, status: e.status };
};

/** Sessions: the calendar, a new session, one session with its state and agenda (reorder without JavaScript). */
export function registerSitzungenPages(app: Hono<AppEnv>, { gremien: m, verbund }: GremienPagesDeps) {
  const renderList = async (
    c: Context<AppEnv>,
    frame: PageFrame,
    neu = EMPTY_SITZUNG,
    errors: FieldErrors = {},
  ) => {
    const q = (name: string) => c.req.query(name) ?? '';
    const filter = {
      gremiumId: isUuid(q('gremium')) ? q('gremium') : '',
      von: DAY.test(q('von')) ? q('von') : '',
      bis: DAY.test(q('bis')) ? q('bis') : '',
    };
    const page = pageFromQuery(c, 50);
    const [list, gremien] = await Promise.all([
      m.sitzungen.listSitzungen(frame.principal, {
        gremiumId: filter.gremiumId || undefined,
        von: filter.von || undefined,
        bis: filter.bis || undefined,
        ...page,
      }),
      m.gremien.listGremien(frame.principal),
    ]);
    const values = neu === EMPTY_SITZUNG && filter.gremiumId ? { ...neu, gremiumId: filter.gremiumId } : neu;
    return c.html(
      <SitzungenPage
        frame={frame}
        items={list.items}
        total={list.total}
        gremien={gremien}
        filter={filter}
        page={page}
        neu={values}
        errors={errors}
      />,
    );
  };

  app.get('/sitzungen', async (c) => {
    const frame = await pageBase(c, verbund);
    if (!frame) return toLogin(c);
    return renderList(c, frame);
  });

  app.post('/sitzungen', async (c) => {
    const frame = await pageBase(c, verbund);
    if (!frame) return toLogin(c);
    const form = await postedForm(c);
    const v: NeueSitzungValues = {
      gremiumId: form.get('gremiumId'),
      datum: form.get('datum'),
      beginn: form.get('beginn'),
      ende: form.get('ende'),
      ort: form.get('ort'),
    };
    const day = dayOf(v.datum) ?? '';
    const errors: FieldErrors = {};
    if (!isUuid(v.gremiumId)) errors.gremiumId = 'Bitte wählen Sie das Gremium aus der Liste.';
    const beginn = berlinInstant(day, v.beginn);
    if (!day) errors.datum = 'Bitte geben Sie das Datum der Sitzung an (TT.MM.JJJJ).';
    else if (!beginn) errors.beginn = 'Bitte geben Sie den Beginn als Uhrzeit an (hh:mm).';
    const ende = v.ende ? berlinInstant(day, v.ende) : null;
    if (v.ende && !ende)
      errors.ende = 'Bitte geben Sie das Ende als Uhrzeit an (hh:mm) oder lassen Sie es leer.';
    if (v.ort.length > 300) errors.ort = 'Der Ort darf höchstens 300 Zeichen lang sein.';
    if (Object.keys(errors).length > 0 || !beginn) {
      c.status(422);
      return renderList(c, frame, v, errors);
    }
    try {
      const s = await m.sitzungen.createSitzung(frame.principal, v.gremiumId, {
        beginn,
        ende,
        ort: v.ort || null,
      });
      return c.redirect(withOk(`/sitzungen/${s.id}`, `${s.nummer}. Sitzung ${s.gremium} angelegt.`), 303);
    } catch (error) {
      const r = refusal(error, {
        'gremien.period_invalid': 'ende',
        'gremium.not_found': 'gremiumId',
        'auth.forbidden': 'gremiumId',
      });
      c.status(r.status as ContentfulStatusCode);
      return renderList(c, frame, v, r.errors);
    }
  });

  const renderSitzung = async (
    c: Context<AppEnv>,
    frame: PageFrame,
    id: string,
    neu = EMPTY_TOP,
    errors: FieldErrors = {},
  ) => {
    const [sitzung, vorlagen] = await Promise.all([
      m.sitzungen.getSitzung(frame.principal, id),
      m.vorlagen.listVorlagen(frame.principal, { limit: 200, offset: 0 }),
    ]);
    const { fehler, ...atFields } = errors;
    return c.html(
      <SitzungPage
        frame={frame}
        sitzung={sitzung}
        vorlagen={vorlagen.items.filter((v) => v.status !== 'zurueckgezogen')}
        neu={neu}
        errors={atFields}
        flash={fehler ? { kind: 'danger', text: fehler } : undefined}
      />,
    );
  };

  app.get('/sitzungen/:id', async (c) => {
    const frame = await pageBase(c, verbund);
    if (!frame) return toLogin(c);
    return renderSitzung(c, frame, idParam(c));
  });

  app.post('/sitzungen/:id/status', async (c) => {
    const principal = requirePrincipal(c);
    const id = idParam(c);
    const status = (await postedForm(c)).get('status');
    return formAction(c, `/sitzungen/${id}`, async () => {
      if (!(status in sitzungStatusLabels))
        throw badRequest(
          'sitzung.status_unbekannt',
          'unknown state',
          'Diesen Stand einer Sitzung gibt es nicht.',
        );
      const s = await m.sitzungen.updateSitzung(principal, id, { status: status as SitzungStatus });
      return withOk(`/sitzungen/${id}`, `Die Sitzung ist jetzt ${sitzungStatusLabels[s.status]}.`);
    });
  });

  app.post('/sitzungen/:id/tagesordnung', async (c) => {
    const frame = await pageBase(c, verbund);
    if (!frame) return toLogin(c);
    const id = idParam(c);
    const form = await postedForm(c);
    const v: NeuerTopValues = {
      titel: form.get('titel'),
      teil: form.get('teil'),
      vorlageId: form.get('vorlageId'),
    };
    const errors: FieldErrors = {};
    if (v.vorlageId && !isUuid(v.vorlageId)) errors.vorlageId = 'Bitte wählen Sie die Vorlage aus der Liste.';
    if (v.teil !== 'oeffentlich' && v.teil !== 'nichtoeffentlich')
      errors.teil = 'Bitte wählen Sie den öffentlichen oder den nichtöffentlichen Teil.';
    let titel = v.titel;
    if (!titel && v.vorlageId && !errors.vorlageId)
      titel = await m.vorlagen.getVorlage(frame.principal, v.vorlageId).then(
        (x) => x.betreff,
        () => '',
      );
    if (!titel) errors.titel = 'Bitte geben Sie den Gegenstand an oder wählen Sie eine Vorlage.';
    else if (titel.length > 1000) errors.titel = 'Der Gegenstand darf höchstens 1.000 Zeichen lang sein.';
    if (Object.keys(errors).length > 0) {
      c.status(422);
      return renderSitzung(c, frame, id, v, errors);
    }
    try {
      const s = await m.sitzungen.addTop(frame.principal, id, {
        titel,
        oeffentlich: v.teil === 'oeffentlich',
        vorlageId: v.vorlageId || null,
      });
      const top = s.tagesordnung?.at(-1);
      return c.redirect(
        withOk(
          `/sitzungen/${id}`,
          `${top?.nummer ?? 'Punkt'} „${titel.slice(0, 80)}“ angefügt.`,
          '#tagesordnung',
        ),
        303,
      );
    } catch (error) {
      const r = refusal(error, {
        'sitzung.vorlage_nicht_oeffentlich': 'vorlageId',
        'sitzung.unknown_vorlage': 'vorlageId',
      });
      c.status(r.status as ContentfulStatusCode);
      return renderSitzung(c, frame, id, v, r.errors);
    }
  });

  app.post('/sitzungen/:id/tagesordnung/verschieben', async (c) => {
    const principal = requirePrincipal(c);
    const id = idParam(c);
    const form = await postedForm(c);
    const topId = form.get('top');
    const step = form.get('richtung') === 'hoch' ? -1 : 1;
    return formAction(c, `/sitzungen/${id}`, async () => {
      const ids = ((await m.sitzungen.getSitzung(principal, id)).tagesordnung ?? []).map((t) => t.id);
      const from = ids.indexOf(topId);
      const to = from + step;
      if (from >= 0 && to >= 0 && to < ids.length) {
        [ids[from], ids[to]] = [ids[to]!, ids[from]!];
        await m.sitzungen.reorderTops(principal, id, ids);
      }
      return withOk(`/sitzungen/${id}`, 'Tagesordnung umgestellt.', '#tagesordnung');
    });
  });
}
