import type { Context } from 'hono';

/** The posted form's text fields, trimmed; a missing field (or a file) reads as ''. */
// biome-ignore lint/suspicious/noExplicitAny: any environment; only the body is read
export async function formFields(c: Context<any>) {
  const body = await c.req.parseBody();
  return (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
}
