import type { Hono } from 'hono';
import {
  csrfProtection,
  requirePrincipal,
  resolvePrincipal,
} from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { toLogin } from '../../../platform/ui/page-frame.ts';
import { badRequest } from '../../../shared/errors.ts';
import { registerAnlagenPages } from './anlagen.pages.tsx';
import { registerBeschluessePages } from './beschluesse.pages.tsx';
import { registerCockpitPages } from './cockpit.pages.tsx';
import { GremienPage, GremiumPage } from './gremien.page.tsx';
import {
  dayOf,
  formAction,
  type GremienPagesDeps,
  idParam,
  isUuid,
  pageBase,
  postedForm,
  withOk,
} from './gremien-ui.kit.tsx';
import { gremiumArtLabels, rolleLabels } from './gremien-ui.labels.ts';
import { registerSitzungenPages } from './sitzungen.pages.tsx';
import { registerVorlagenPages } from './vorlagen.pages.tsx';

export type { GremienPagesDeps };

const invalid = (code: string, messageDe: string) =>
  badRequest(`gremien.form_${code}`, `invalid ${code}`, messageDe);

/**
 * The staff pages of the council (issue 12, point 3): Gremien with members, Vorlagen with their
 * editor, Sitzungen with the agenda, the session cockpit, the Beschlusskontrolle. Every action is
 * a plain form post that redirects back (works without JavaScript) and calls the same use-case as
 * the API; htmx only swaps the agenda in place when it is loaded.
 */
export function registerGremienPages(app: Hono<AppEnv>, deps: GremienPagesDeps) {
  for (const path of [
    '/gremien',
    '/gremien/*',
    '/vorlagen',
    '/vorlagen/*',
    '/sitzungen',
    '/sitzungen/*',
    '/beschluesse',
    '/beschluesse/*',
  ])
    app.use(path, resolvePrincipal, csrfProtection);
  const { gremien: m, verbund } = deps;

  app.get('/gremien', async (c) => {
    const frame = await pageBase(c, verbund);
    if (!frame) return toLogin(c);
    const [gremien, wahlperioden] = await Promise.all([
      m.gremien.listGremien(frame.principal),
      m.mitglieder.listWahlperioden(frame.principal),
    ]);
    return c.html(<GremienPage frame={frame} gremien={gremien} wahlperioden={wahlperioden} />);
  });

  app.post('/gremien', async (c) => {
    const principal = requirePrincipal(c);
    const form = await postedForm(c);
    return formAction(c, '/gremien', async () => {
      const sitze = form.get('sitze');
      if (!form.get('name')) throw invalid('name', 'Bitte geben Sie den Namen des Gremiums an.');
      if (!/^[A-ZÄÖÜ][A-ZÄÖÜa-zäöüß0-9]{0,11}$/.test(form.get('kuerzel')))
        throw invalid(
          'kuerzel',
          'Das Kürzel beginnt mit einem Großbuchstaben, dann bis zu 11 Buchstaben oder Ziffern.',
        );
      if (!(form.get('art') in gremiumArtLabels))
        throw invalid('art', 'Bitte wählen Sie die Art aus der Liste.');
      if (sitze && !(/^\d{1,3}$/.test(sitze) && Number(sitze) >= 1))
        throw invalid('sitze', 'Die Zahl der Sitze ist eine ganze Zahl von 1 bis 500.');
      const g = await m.gremien.createGremium(principal, {
        name: form.get('name').slice(0, 200),
        kuerzel: form.get('kuerzel'),
        art: form.get('art'),
        sitze: sitze ? Math.min(Number(sitze), 500) : null,
      });
      return withOk(`/gremien/${g.id}`, `Gremium „${g.name}“ angelegt.`);
    });
  });

  app.post('/gremien/wahlperioden', async (c) => {
    const principal = requirePrincipal(c);
    const form = await postedForm(c);
    return formAction(c, '/gremien', async () => {
      const beginn = dayOf(form.get('beginn'));
      const ende = form.get('ende') ? dayOf(form.get('ende')) : null;
      if (!form.get('name') || form.get('name').length > 100)
        throw invalid('name', 'Bitte geben Sie die Bezeichnung der Wahlperiode an (höchstens 100 Zeichen).');
      if (!beginn) throw invalid('beginn', 'Bitte geben Sie den Beginn als Datum an (TT.MM.JJJJ).');
      if (form.get('ende') && !ende)
        throw invalid('ende', 'Bitte geben Sie das Ende als Datum an oder lassen Sie es leer.');
      const w = await m.mitglieder.createWahlperiode(principal, { name: form.get('name'), beginn, ende });
      return withOk('/gremien', `Wahlperiode „${w.name}“ angelegt.`);
    });
  });

  app.get('/gremien/:id', async (c) => {
    const frame = await pageBase(c, verbund);
    if (!frame) return toLogin(c);
    const id = idParam(c);
    const [gremium, mitglieder, personen, wahlperioden] = await Promise.all([
      m.gremien.getGremium(frame.principal, id),
      m.mitglieder.listMitglieder(frame.principal, id),
      m.mitglieder.listPersonen(frame.principal, { limit: 1000, offset: 0 }),
      m.mitglieder.listWahlperioden(frame.principal),
    ]);
    return c.html(
      <GremiumPage
        frame={frame}
        gremium={gremium}
        mitglieder={mitglieder.items}
        personen={personen.items}
        wahlperioden={wahlperioden}
      />,
    );
  });

  app.post('/gremien/:id/mitglieder', async (c) => {
    const principal = requirePrincipal(c);
    const id = idParam(c);
    const form = await postedForm(c);
    return formAction(c, `/gremien/${id}`, async () => {
      const von = dayOf(form.get('von'));
      const bis = form.get('bis') ? dayOf(form.get('bis')) : null;
      let personId = form.get('personId');
      if (!von) throw invalid('von', 'Bitte geben Sie an, ab wann die Person Mitglied ist (TT.MM.JJJJ).');
      if (form.get('bis') && !bis)
        throw invalid(
          'bis',
          'Bitte geben Sie das Ende der Mitgliedschaft als Datum an oder lassen Sie es leer.',
        );
      if (!(form.get('rolle') in rolleLabels))
        throw invalid('rolle', 'Bitte wählen Sie die Rolle aus der Liste.');
      if (personId && !isUuid(personId))
        throw invalid('person', 'Bitte wählen Sie die Person aus der Liste.');
      const wahlperiodeId = form.get('wahlperiodeId');
      if (wahlperiodeId && !isUuid(wahlperiodeId))
        throw invalid('wahlperiode', 'Bitte wählen Sie die Wahlperiode aus der Liste.');
      if (form.get('fraktion').length > 200)
        throw invalid('fraktion', 'Die Fraktion darf höchstens 200 Zeichen lang sein.');
      if (!personId) {
        const familienname = form.get('familienname');
        if (!familienname || familienname.length > 200)
          throw invalid(
            'person',
            'Bitte wählen Sie eine Person oder geben Sie den Familiennamen einer neuen Person an.',
          );
        personId = (
          await m.mitglieder.createPerson(principal, {
            familienname,
            vorname: form.get('vorname').slice(0, 200) || null,
            titel: form.get('titel').slice(0, 50) || null,
          })
        ).id;
      }
      const mitglied = await m.mitglieder.addMitglied(principal, id, {
        personId,
        wahlperiodeId: wahlperiodeId || null,
        rolle: form.get('rolle'),
        fraktion: form.get('fraktion') || null,
        stimmberechtigt: form.has('stimmberechtigt'),
        von,
        bis,
      });
      const p = mitglied.person;
      return withOk(
        `/gremien/${id}`,
        `${[p.vorname, p.familienname].filter(Boolean).join(' ')} eingetragen.`,
      );
    });
  });

  registerVorlagenPages(app, deps);
  registerAnlagenPages(app, deps);
  registerSitzungenPages(app, deps);
  registerCockpitPages(app, deps);
  registerBeschluessePages(app, deps);
}
