import type { Hono } from 'hono';
import { csrfProtection, resolvePrincipal } from '../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { registerAktenPages } from './akten/akten.pages.tsx';
import { registerAktenplanPages } from './aktenplan/aktenplan.pages.tsx';
import { registerDokumentPages } from './dokumente/dokument.pages.tsx';
import { registerPostkorbPages } from './postkorb/postkorb.pages.tsx';
import type { RecordsPagesDeps } from './records.page-kit.ts';
import { registerVorgangPages } from './vorgaenge/vorgang.pages.tsx';

/**
 * Staff pages of the E-Akte. Every action is a plain form POST that redirects back (works without
 * JavaScript); errors come back as a German message on the page. upload.js adds drag and drop and
 * a progress bar on top. (The search page is search's: search/search.pages.tsx.)
 */
export function registerRecordsPages(app: Hono<AppEnv>, deps: RecordsPagesDeps) {
  for (const path of ['/akten', '/akten/*', '/vorgaenge/*', '/dokumente/*', '/postkorb'])
    app.use(path, resolvePrincipal, csrfProtection);
  registerAktenPages(app, deps);
  registerAktenplanPages(app, deps);
  registerVorgangPages(app, deps);
  registerDokumentPages(app, deps);
  registerPostkorbPages(app, deps);
}
