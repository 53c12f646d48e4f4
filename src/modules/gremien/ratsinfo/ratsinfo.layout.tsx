import type { Child } from 'hono/jsx';
import { PageFooter, PageHead, PageMain, SkipLink } from '../../../platform/ui/layout.tsx';
import type { Kreis } from './ratsinfo.models.ts';

/** Where the pages of a county live: `/ratsinfo/<slug>` (the slug is the county's id). */
export const kreisBase = (kreis: { id: string }) => `/ratsinfo/${kreis.id}`;

type Section = 'kalender' | 'gremien' | 'suche';

/** The public council pages: no account, no JavaScript needed, KERN look, WCAG 2.1 AA. */
export function RatsinfoLayout({
  title,
  kreis,
  active,
  children,
}: {
  title: string;
  kreis?: Kreis;
  active?: Section;
  children: Child;
}) {
  const base = kreis ? kreisBase(kreis) : '';
  const item = (key: Section, href: string, label: string) => (
    <li>
      <a class="kern-link" href={href} aria-current={active === key ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <html lang="de">
      <PageHead
        title={`${title} – Ratsinformation${kreis ? ` ${kreis.name}` : ''}`}
        script="/assets/app/portal.js"
      />
      <body>
        <SkipLink />
        <header class="vb-header">
          <div class="kern-container">
            <div class="vb-header__row">
              <a class="vb-brand" href={kreis ? `${base}/` : '/ratsinfo'}>
                Ratsinformation{kreis ? ` · ${kreis.name}` : ' der Landkreise'}
              </a>
            </div>
            {kreis ? (
              <nav class="vb-nav" aria-label="Ratsinformation">
                <ul>
                  {item('kalender', `${base}/`, 'Sitzungskalender')}
                  {item('gremien', `${base}/gremien`, 'Gremien')}
                  {item('suche', `${base}/suche`, 'Vorlagen suchen')}
                  <li>
                    <a class="kern-link" href="/ratsinfo">
                      Andere Landkreise
                    </a>
                  </li>
                </ul>
              </nav>
            ) : null}
          </div>
        </header>
        <PageMain>{children}</PageMain>
        <PageFooter>
          Öffentliche Ratsinformation der Landkreise im Interkommunalen Serviceteam E-Government.
          Nichtöffentliche Beratungsgegenstände werden nicht veröffentlicht. Offene Daten:{' '}
          <a class="kern-link" href="/oparl/v1.1/">
            OParl-Schnittstelle
          </a>
        </PageFooter>
      </body>
    </html>
  );
}

/** The page's title as its h1. */
export const H1 = ({ children }: { children: Child }) => <h1 class="kern-heading-large">{children}</h1>;
