import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.ts';
import { pageBase, type RecordsPagesDeps, toLogin } from '../records.page-kit.ts';
import { PostkorbPage } from './postkorb.page.tsx';
import { POSTKORB_BEREICHE, type PostkorbBereich } from './postkorb.schemas.ts';

/** The Postkorb page. */
export function registerPostkorbPages(app: Hono<AppEnv>, { records, verbund }: RecordsPagesDeps) {
  app.get('/postkorb', async (c) => {
    const b = await pageBase(c, verbund);
    if (!b) return toLogin(c);
    const asked = c.req.query('bereich') ?? '';
    const bereich = (POSTKORB_BEREICHE as readonly string[]).includes(asked)
      ? (asked as PostkorbBereich)
      : 'alle';
    const postkorb = await records.postkorb.postkorb(b.principal, { bereich });
    return c.html(<PostkorbPage {...b} bereich={bereich} postkorb={postkorb} />);
  });
}
