import type { Child } from 'hono/jsx';
import type { Principal } from '../http/principal.ts';
import { hasRole } from '../http/principal.ts';
import { CsrfField } from './csrf-field.tsx';
import { NAVIGATION } from './navigation.ts';

type LayoutProps = {
  title: string;
  principal?: Principal | null;
  tenantName?: string;
  active?: string;
  children: Child;
};

/** The document head every page shares: KERN styles, our CSS, one deferred script. */
export function PageHead({ title, script }: { title: string; script: string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      <link rel="stylesheet" href="/assets/kern/fonts/fira-sans.css" />
      <link rel="stylesheet" href="/assets/kern/kern.min.css" />
      <link rel="stylesheet" href="/assets/app/app.css" />
      <script src={script} defer></script>
    </head>
  );
}

export function SkipLink() {
  return (
    <a class="vb-skip kern-link" href="#inhalt">
      Zum Inhalt springen
    </a>
  );
}

/** The main region of a page (the skip link's target). */
export function PageMain({ children }: { children: Child }) {
  return (
    <main id="inhalt" class="vb-main">
      <div class="kern-container">{children}</div>
    </main>
  );
}

/** The page footer with its line(s) of text. */
export function PageFooter({ children }: { children: Child }) {
  return (
    <footer class="vb-footer">
      <div class="kern-container kern-body kern-body--small">{children}</div>
    </footer>
  );
}

export function Layout({ title, principal, tenantName, active, children }: LayoutProps) {
  return (
    <html lang="de">
      <PageHead title={`${title} – Verbund E-Government`} script="/assets/htmx/htmx.min.js" />
      <body>
        <SkipLink />
        <header class="vb-header">
          <div class="kern-container">
            <div class="vb-header__row">
              <a class="vb-brand" href="/">
                Verbund E-Government{tenantName ? ` · ${tenantName}` : ''}
              </a>
              {principal ? (
                <form class="vb-inline-form" method="post" action="/abmelden">
                  <CsrfField principal={principal} />
                  <span class="kern-body kern-body--small">{principal.displayName} </span>
                  <button type="submit" class="kern-btn kern-btn--tertiary kern-btn--x-small">
                    <span class="kern-label">Abmelden</span>
                  </button>
                </form>
              ) : null}
            </div>
            {principal ? <Navigation principal={principal} active={active} /> : null}
          </div>
        </header>
        <PageMain>{children}</PageMain>
        <PageFooter>
          Interkommunales Serviceteam E-Government · Open Source unter EUPL-1.2 ·{' '}
          <a class="kern-link" href="/api/docs">
            API-Dokumentation
          </a>
        </PageFooter>
      </body>
    </html>
  );
}

function Navigation({ principal, active }: { principal: Principal; active?: string }) {
  const items = NAVIGATION.filter((item) => !item.roles || hasRole(principal, ...item.roles));
  return (
    <nav class="vb-nav" aria-label="Hauptnavigation">
      <ul>
        {items.map((item) =>
          item.href ? (
            <li>
              <a class="kern-link" href={item.href} aria-current={item.key === active ? 'page' : undefined}>
                {item.label}
              </a>
            </li>
          ) : (
            <li class="vb-soon kern-body">
              {item.label} <span class="kern-badge kern-badge--small kern-badge--info">in Vorbereitung</span>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}
