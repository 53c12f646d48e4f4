import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import { toLogin } from '../../../platform/ui/page-frame.ts';
import type { BeratungInput } from '../sitzungen/beratungen.usecases.ts';
import { CockpitPage, type VoteForm } from './cockpit.page.tsx';
import {
  berlinDay,
  formAction,
  type GremienPagesDeps,
  idParam,
  isUuid,
  type PageFrame,
  pageBase,
  postedForm,
  withOk,
} from './gremien-ui.kit.tsx';
import { ergebnisLabels } from './gremien-ui.labels.ts';

/** Where a refusal of the use-case is shown in an item's vote form. */
const FIELD_OF: Record<string, string> = {
  'beratung.stimmen_unvollstaendig': 'ja',
  'beratung.zu_viele_stimmen': 'ja',
  'beratung.beschluss_in_umsetzung': 'ergebnis',
};

/** A vote count as typed: '' is none, else a whole number 0…1000. */
const count = (v: string) =>
  v === '' ? null : /^\d{1,4}$/.test(v) && Number(v) <= 1000 ? Number(v) : undefined;

/** The session cockpit: attendance and the result and votes per agenda item, as plain form posts. */
export function registerCockpitPages(app: Hono<AppEnv>, { gremien: m, verbund }: GremienPagesDeps) {
  const render = async (c: Context<AppEnv>, frame: PageFrame, id: string, vote?: VoteForm) => {
    const sitzung = await m.sitzungen.getSitzung(frame.principal, id);
    const { items } = await m.mitglieder.listMitglieder(
      frame.principal,
      sitzung.gremiumId,
      berlinDay(sitzung.beginn),
    );
    return c.html(<CockpitPage frame={frame} sitzung={sitzung} mitglieder={items} vote={vote} />);
  };

  app.get('/sitzungen/:id/cockpit', async (c) => {
    const frame = await pageBase(c, verbund);
    if (!frame) return toLogin(c);
    return render(c, frame, idParam(c));
  });

  app.post('/sitzungen/:id/anwesenheit', async (c) => {
    const principal = requirePrincipal(c);
    const id = idParam(c);
    const personIds = (await postedForm(c)).all('anwesend').filter(isUuid);
    const back = `/sitzungen/${id}/cockpit`;
    return formAction(c, back, async () => {
      const r = await m.beratungen.setAnwesenheit(principal, id, personIds);
      return withOk(back, `Anwesenheit gespeichert: ${r.anwesend.length} anwesend.`, '#anwesenheit');
    });
  });

  app.post('/sitzungen/:id/tagesordnungspunkte/:top/beratung', async (c) => {
    const frame = await pageBase(c, verbund);
    if (!frame) return toLogin(c);
    const id = idParam(c);
    const topId = idParam(c, 'top');
    const form = await postedForm(c);
    const vote: VoteForm = {
      topId,
      ergebnis: form.get(`ergebnis-${topId}`),
      ja: form.get(`ja-${topId}`),
      nein: form.get(`nein-${topId}`),
      enthaltung: form.get(`enthaltung-${topId}`),
      errors: {},
    };
    if (!(vote.ergebnis in ergebnisLabels))
      vote.errors.ergebnis = 'Bitte wählen Sie das Ergebnis aus der Liste.';
    const votes = { ja: count(vote.ja), nein: count(vote.nein), enthaltung: count(vote.enthaltung) };
    for (const [field, value] of Object.entries(votes))
      if (value === undefined) vote.errors[field] = 'Bitte eine ganze Zahl ab 0 angeben (oder leer lassen).';
    if (Object.keys(vote.errors).length === 0) {
      try {
        await m.beratungen.setBeratung(frame.principal, topId, {
          ergebnis: vote.ergebnis as BeratungInput['ergebnis'],
          ...votes,
        });
        return c.redirect(
          withOk(
            `/sitzungen/${id}/cockpit`,
            `Ergebnis gespeichert: ${ergebnisLabels[vote.ergebnis]}.`,
            `#top-${topId}`,
          ),
          303,
        );
      } catch (error) {
        const e = toAppError(error);
        if (e.status >= 500) throw error;
        vote.errors[FIELD_OF[e.code] ?? 'top'] = e.messageDe;
        c.status(e.status as ContentfulStatusCode);
      }
    } else c.status(422);
    return render(c, frame, id, vote);
  });
}
