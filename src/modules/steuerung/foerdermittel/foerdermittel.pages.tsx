import type { Context, Hono } from 'hono';
import { csrfProtection, resolvePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { Flash } from '../../../platform/ui/flash.tsx';
import { dateDe } from '../../../platform/ui/format.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { type MemberNames, type PageFrame, pageFrame, toLogin } from '../../../platform/ui/page-frame.ts';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import {
  AusgabeLoeschenSeite,
  ausgabeName,
  BewilligungSeite,
  eur,
  hinweisTexte,
  type Kurz,
  NUR_LESEN,
} from './bewilligung.page.tsx';
import { foerdermittelErrors } from './foerdermittel.errors.ts';
import {
  AUSGABE_FELDER,
  alsFormFehler,
  BEWILLIGUNG_FELDER,
  BewilligungFormular,
  darfErfassen,
  type Formular,
  leeresFormular,
  pruefeAusgabe,
  pruefeBewilligung,
} from './foerdermittel.forms.tsx';
import { sachberichtInput } from './foerdermittel.schemas.ts';
import type { FoerdermittelUsecases } from './foerdermittel.usecases.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
async function werteAus(c: Context<AppEnv>, felder: readonly string[]) {
  const body = await c.req.parseBody();
  return Object.fromEntries(
    felder.map((f) => [f, typeof body[f] === 'string' ? (body[f] as string).trim() : '']),
  );
}

function ListeSeite({ frame, items, form }: { frame: PageFrame; items: Kurz[]; form: Formular }) {
  return (
    <Layout title="Fördermittel" principal={frame.principal} tenantName={frame.tenantName} active="steuerung">
      <Flash flash={frame.flash} />
      <h1 class="kern-heading-large">Fördermittel</h1>
      <p class="kern-body">
        Bewilligungen des Landkreises {frame.tenantName} mit ihren Ausgaben. Zurück zur{' '}
        <a class="kern-link" href="/steuerung">
          Steuerung
        </a>
        .
      </p>
      {items.length === 0 ? (
        <p class="kern-body">Noch keine Bewilligung erfasst.</p>
      ) : (
        <Table
          caption="Bewilligungen"
          head={[
            'Aktenzeichen',
            'Programm',
            'Zeitraum',
            { label: 'Zuwendungsfähig', numeric: true },
            { label: 'Ausgaben', numeric: true },
            'Hinweise',
          ]}
        >
          {items.map((b) => (
            <Tr>
              <Td>
                <a class="kern-link" href={`/steuerung/foerdermittel/${b.id}`}>
                  {b.aktenzeichen}
                </a>
                {b.beispiel ? ' (Beispieldaten)' : ''}
              </Td>
              <Td>{b.programm}</Td>
              <Td>{`${dateDe(b.von)} – ${dateDe(b.bis)}`}</Td>
              <Td>{eur(b.zuwendungsfaehig)}</Td>
              <Td>{eur(b.summe.ausgaben)}</Td>
              <Td>{hinweisTexte(b.hinweise)}</Td>
            </Tr>
          ))}
        </Table>
      )}
      {darfErfassen(frame.principal) ? (
        <BewilligungFormular principal={frame.principal} form={form} />
      ) : (
        NUR_LESEN
      )}
    </Layout>
  );
}

/** Staff pages /steuerung/foerdermittel: list, one Bewilligung, forms to record (same use-cases as the API). */
export function registerFoerdermittelPages(
  app: Hono<AppEnv>,
  { foerdermittel, verbund }: { foerdermittel: FoerdermittelUsecases; verbund: MemberNames },
) {
  app.use('/steuerung/foerdermittel', resolvePrincipal, csrfProtection);
  app.use('/steuerung/foerdermittel/*', resolvePrincipal, csrfProtection);
  const idAus = (c: Context<AppEnv>) => {
    const id = c.req.param('id') ?? '';
    if (!UUID.test(id)) throw foerdermittelErrors.bewilligungNotFound();
    return id;
  };

  app.get('/steuerung/foerdermittel', async (c) => {
    const frame = await pageFrame(c, verbund);
    if (!frame) return toLogin(c);
    const items = await foerdermittel.liste(frame.principal);
    return c.html(<ListeSeite frame={frame} items={items} form={leeresFormular()} />);
  });

  app.post('/steuerung/foerdermittel', async (c) => {
    const frame = await pageFrame(c, verbund);
    if (!frame) return toLogin(c);
    const werte = await werteAus(c, BEWILLIGUNG_FELDER);
    const geprueft = pruefeBewilligung(werte);
    let fehler = geprueft.ok ? {} : geprueft.fehler;
    if (geprueft.ok) {
      try {
        const b = await foerdermittel.anlegen(frame.principal, geprueft.daten);
        const ok = encodeURIComponent(`Bewilligung ${b.aktenzeichen} angelegt.`);
        return c.redirect(`/steuerung/foerdermittel/${b.id}?ok=${ok}`, 303);
      } catch (error) {
        fehler = alsFormFehler(error, 'formular');
      }
    } else if (!darfErfassen(frame.principal)) throw foerdermittelErrors.nurAdministration();
    const items = await foerdermittel.liste(frame.principal);
    return c.html(<ListeSeite frame={frame} items={items} form={{ werte, fehler }} />, 400);
  });

  app.get('/steuerung/foerdermittel/:id', async (c) => {
    const frame = await pageFrame(c, verbund);
    if (!frame) return toLogin(c);
    const b = await foerdermittel.lesen(frame.principal, idAus(c));
    return c.html(<BewilligungSeite frame={frame} b={b} form={leeresFormular()} />);
  });

  app.post('/steuerung/foerdermittel/:id/ausgaben', async (c) => {
    const frame = await pageFrame(c, verbund);
    if (!frame) return toLogin(c);
    const id = idAus(c);
    const werte = await werteAus(c, AUSGABE_FELDER);
    const geprueft = pruefeAusgabe(werte);
    let fehler = geprueft.ok ? {} : geprueft.fehler;
    if (geprueft.ok) {
      try {
        await foerdermittel.ausgabeErfassen(frame.principal, id, geprueft.daten);
        const ok = encodeURIComponent(`Ausgabe über ${eur(geprueft.daten.betrag)} erfasst.`);
        return c.redirect(`/steuerung/foerdermittel/${id}?ok=${ok}`, 303);
      } catch (error) {
        fehler = alsFormFehler(error, 'beleg');
      }
    } else if (!darfErfassen(frame.principal)) throw foerdermittelErrors.nurAdministration();
    const b = await foerdermittel.lesen(frame.principal, id);
    return c.html(<BewilligungSeite frame={frame} b={b} form={{ werte, fehler }} />, 400);
  });

  app.post('/steuerung/foerdermittel/:id/sachbericht', async (c) => {
    const frame = await pageFrame(c, verbund);
    if (!frame) return toLogin(c);
    const id = idAus(c);
    if (!darfErfassen(frame.principal)) throw foerdermittelErrors.nurAdministration();
    const werte = await werteAus(c, ['sachbericht']);
    const geprueft = sachberichtInput.safeParse(werte);
    if (geprueft.success) {
      await foerdermittel.sachbericht(frame.principal, id, geprueft.data.sachbericht);
      return c.redirect(
        `/steuerung/foerdermittel/${id}?ok=${encodeURIComponent('Sachbericht gespeichert.')}`,
        303,
      );
    }
    const b = await foerdermittel.lesen(frame.principal, id);
    const fehler = { sachbericht: `Sachbericht: ${geprueft.error.issues[0]?.message ?? 'ungültig'}.` };
    return c.html(<BewilligungSeite frame={frame} b={b} form={{ werte, fehler }} />, 400);
  });

  /** The expense a delete link names: own Bewilligung, own expense, or 404 – and only for the administration. */
  const ausgabeAus = async (c: Context<AppEnv>, frame: PageFrame) => {
    const id = idAus(c);
    if (!darfErfassen(frame.principal)) throw foerdermittelErrors.nurAdministration();
    const b = await foerdermittel.lesen(frame.principal, id);
    const a = b.ausgaben.find((x) => x.id === c.req.param('ausgabeId'));
    if (!a) throw foerdermittelErrors.ausgabeNotFound();
    return { b, a };
  };

  app.get('/steuerung/foerdermittel/:id/ausgaben/:ausgabeId/loeschen', async (c) => {
    const frame = await pageFrame(c, verbund);
    if (!frame) return toLogin(c);
    const { b, a } = await ausgabeAus(c, frame);
    return c.html(<AusgabeLoeschenSeite frame={frame} b={b} a={a} />);
  });

  app.post('/steuerung/foerdermittel/:id/ausgaben/:ausgabeId/loeschen', async (c) => {
    const frame = await pageFrame(c, verbund);
    if (!frame) return toLogin(c);
    const { b, a } = await ausgabeAus(c, frame);
    await foerdermittel.ausgabeLoeschen(frame.principal, b.id, a.id);
    const ok = encodeURIComponent(`${ausgabeName(a)} gelöscht.`);
    return c.redirect(`/steuerung/foerdermittel/${b.id}?ok=${ok}`, 303);
  });
}
