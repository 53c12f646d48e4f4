import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Config } from '../../platform/config.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { redirectWithError } from '../../platform/ui/flash.tsx';
import { type MemberNames, pageFrame } from '../../platform/ui/page-frame.ts';
import type { IdentityUsecases } from '../identity/identity.module.ts';
import type { VerbundUsecases } from '../verbund/verbund.module.ts';
import type { AktenUsecases } from './akten/akten.usecases.ts';
import type { AktenplanUsecases } from './aktenplan/aktenplan.usecases.ts';
import type { DokumenteUsecases } from './dokumente/dokumente.usecases.ts';
import type { PostkorbUsecases } from './postkorb/postkorb.usecases.ts';
import type { VorgaengeUsecases } from './vorgaenge/vorgaenge.usecases.ts';

/** What the staff pages of the E-Akte use, given by the composition root. */
export type RecordsPagesDeps = {
  config: Config;
  identity: IdentityUsecases;
  records: {
    aktenplan: AktenplanUsecases;
    akten: AktenUsecases;
    vorgaenge: VorgaengeUsecases;
    dokumente: DokumenteUsecases;
    postkorb: PostkorbUsecases;
  };
  verbund: VerbundUsecases;
  /** A section other modules add to the document page (the Posteingang's OCR and suggestions, via main/). */
  dokumentSection?: (principal: Principal, dokumentId: string) => Promise<Child>;
};

/** The page frame of the E-Akte (its success messages are cut to 200 characters); null: toLogin. */
export const pageBase = (c: Context<AppEnv>, verbund: MemberNames) =>
  pageFrame(c, verbund, { okLength: 200 });

export { formFields } from '../../platform/ui/form-fields.ts';
export { toLogin } from '../../platform/ui/page-frame.ts';

/** `path?ok=<message>` (and a fragment): where a successful form action leads. */
export const withOk = (path: string, message: string, fragment = '') =>
  `${path}?ok=${encodeURIComponent(message)}${fragment}`;

/** Runs a form action and redirects: to the result on success, back with the German error otherwise. */
export async function formAction(c: Context<AppEnv>, back: string, work: () => Promise<string>) {
  try {
    return c.redirect(await work(), 303);
  } catch (error) {
    return redirectWithError(c, back, error);
  }
}
