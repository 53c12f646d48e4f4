import type { ApiRouter } from '../../platform/http/openapi.ts';
import { type AktenRoutesDeps, registerAktenRoutes } from './akten/akten.routes.ts';
import { type AktenplanRoutesDeps, registerAktenplanRoutes } from './aktenplan/aktenplan.routes.ts';
import { registerDokumentContentRoutes } from './dokumente/dokument-content.routes.ts';
import { type DokumenteRoutesDeps, registerDokumenteRoutes } from './dokumente/dokumente.routes.ts';
import { registerVerschiebenRoutes } from './dokumente/verschieben.routes.ts';
import { type PostkorbRoutesDeps, registerPostkorbRoutes } from './postkorb/postkorb.routes.ts';
import { registerVorgaengeRoutes, type VorgaengeRoutesDeps } from './vorgaenge/vorgaenge.routes.ts';

/** What these handlers use, given by the composition root. */
export type RecordsDeps = AktenplanRoutesDeps &
  AktenRoutesDeps &
  VorgaengeRoutesDeps &
  DokumenteRoutesDeps &
  PostkorbRoutesDeps;

/** The E-Akte API, aggregate by aggregate (the order keeps fixed paths before `{id}` paths). */
export function registerRecordsRoutes(api: ApiRouter, deps: RecordsDeps) {
  registerAktenplanRoutes(api, deps);
  registerAktenRoutes(api, deps);
  registerVorgaengeRoutes(api, deps);
  registerDokumenteRoutes(api, deps);
  registerDokumentContentRoutes(api, deps);
  registerVerschiebenRoutes(api, deps);
  registerPostkorbRoutes(api, deps);
}
