import type { ApiRouter } from '../../platform/http/openapi.ts';
import { registerAktenRoutes } from './akten/akten.routes.ts';
import { registerAktenplanRoutes } from './aktenplan/aktenplan.routes.ts';
import { registerDokumentContentRoutes } from './dokumente/dokument-content.routes.ts';
import { registerDokumenteRoutes } from './dokumente/dokumente.routes.ts';
import { registerPostkorbRoutes } from './postkorb/postkorb.routes.ts';
import type { RecordsModule } from './records.module.ts';
import { registerVorgaengeRoutes } from './vorgaenge/vorgaenge.routes.ts';

/** What these handlers use, given by the composition root. */
export type RecordsDeps = { records: RecordsModule };

/** The E-Akte API, aggregate by aggregate (the order keeps fixed paths before `{id}` paths). */
export function registerRecordsRoutes(api: ApiRouter, deps: RecordsDeps) {
  registerAktenplanRoutes(api, deps);
  registerAktenRoutes(api, deps);
  registerVorgaengeRoutes(api, deps);
  registerDokumenteRoutes(api, deps);
  registerDokumentContentRoutes(api, deps);
  registerPostkorbRoutes(api, deps);
}
