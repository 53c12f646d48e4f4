import type { Child } from 'hono/jsx';
import { PageFooter, PageHead, PageMain, SkipLink } from '../../../platform/ui/layout.tsx';

/** Citizen pages: plain HTML forms (no JavaScript needed), KERN look, WCAG 2.1 AA. */
export function PortalLayout({ title, children }: { title: string; children: Child }) {
  return (
    <html lang="de">
      <PageHead title={`${title} – Bürgerportal`} script="/assets/app/portal.js" />
      <body>
        <SkipLink />
        <header class="vb-header">
          <div class="kern-container">
            <div class="vb-header__row">
              <a class="vb-brand" href="/portal">
                Bürgerportal der Landkreise
              </a>
            </div>
            <nav class="vb-nav" aria-label="Bürgerportal">
              <ul>
                <li>
                  <a class="kern-link" href="/portal">
                    Leistungen
                  </a>
                </li>
                <li>
                  <a class="kern-link" href="/portal/status">
                    Antrag verfolgen
                  </a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <PageMain>{children}</PageMain>
        <PageFooter>
          Interkommunales Serviceteam E-Government der Landkreise Nordhausen, Kyffhäuserkreis,
          Unstrut-Hainich-Kreis und Wartburgkreis
        </PageFooter>
      </body>
    </html>
  );
}
