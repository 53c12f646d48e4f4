import { OpenAPIHono, type z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../shared/errors.ts';
import { assertCleanJson, decodeUtf8Strict } from '../../shared/text.ts';
import type { AppEnv } from './context.ts';

/**
 * An OpenAPIHono whose request-validation failures become problem+json 400s with field messages,
 * and whose JSON bodies are checked once, centrally, before any route sees them: valid UTF-8,
 * no control characters in any string, and no field the route's schema does not know (zod would
 * drop it silently; a client sending it has a bug or probes us). Body size is limited while
 * streaming by `limitRequestBodies` (body-limit.ts); a route may declare more with `bodyLimit()`.
 */
export function createApiRouter() {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
        }));
        throw new AppError({
          code: 'request.validation',
          status: 400,
          message: `invalid request: ${issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; ')}`,
          messageDe: `Die Anfrage ist ungültig: ${issues.map((i) => `${i.path || '(Inhalt)'}: ${i.message}`).join('; ')}`,
          details: issues,
        });
      }
    },
  });
  const register = router.openapi;
  router.openapi = ((route, handler, hook) => {
    const schema = jsonBodySchema(route.request?.body?.content);
    if (!schema) return register(route, handler, hook);
    const own = route.middleware ? [route.middleware].flat() : [];
    return register({ ...route, middleware: [...own, checkJsonBody(schema)] }, handler, hook);
  }) as typeof register;
  return router;
}

export type ApiRouter = ReturnType<typeof createApiRouter>;

function jsonBodySchema(content: object | undefined) {
  if (!content) return null;
  for (const [mediaType, entry] of Object.entries(content) as Array<
    [string, { schema?: unknown } | undefined]
  >)
    if (/^application\/([a-z.+-]*\+)?json$/i.test(mediaType) && isZod(entry?.schema)) return entry.schema;
  return null;
}

const isZod = (value: unknown): value is z.ZodType =>
  typeof (value as { safeParse?: unknown } | undefined)?.safeParse === 'function';

const isJson = (contentType: string) => /^application\/([a-z.+-]*\+)?json\s*(;|$)/i.test(contentType);

/** Reads the JSON body (cached for the validator after it), refusing what no schema should see. */
function checkJsonBody(schema: z.ZodType): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!isJson(c.req.header('content-type') ?? '')) return next();
    const text = decodeUtf8Strict(new Uint8Array(await c.req.arrayBuffer()));
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new AppError({
        code: 'request.malformed_json',
        status: 400,
        message: 'malformed JSON body',
        messageDe: 'Der Inhalt ist kein gültiges JSON.',
      });
    }
    assertCleanJson(value);
    const unknown: string[] = [];
    collectUnknownFields(schema, value, '', unknown);
    if (unknown.length > 0)
      throw new AppError({
        code: 'request.unknown_field',
        status: 400,
        message: `unknown fields: ${unknown.join(', ')}`,
        messageDe: `Die Anfrage enthält unbekannte Felder: ${unknown.join(', ')}.`,
        details: unknown.map((path) => ({ path, message: 'unbekanntes Feld' })),
      });
    // The validator parses the same text again instead of decoding the bytes a second time.
    // (Hono keeps promises in its body cache, whatever its type says.)
    (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
    return next();
  };
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * Walks a JSON value along its schema and names every object key the schema does not declare
 * (objects with a catch-all, e.g. `z.looseObject` or records, accept any key). Read-only: the
 * schemas stay as they are, so the OpenAPI document is unchanged.
 */
export function collectUnknownFields(schema: z.ZodType, value: unknown, path: string, out: string[]): void {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
      const shape = def.shape ?? {};
      const open = def.catchall && defOf(def.catchall).type !== 'never' ? def.catchall : null;
      for (const [key, item] of Object.entries(value)) {
        const field = Object.hasOwn(shape, key) ? shape[key] : open;
        if (field) collectUnknownFields(field, item, join(path, key), out);
        else out.push(join(path, key));
      }
      return;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      collectUnknownFields(def.innerType!, value, path, out);
      return;
    case 'pipe':
      collectUnknownFields(def.in!, value, path, out);
      return;
    case 'lazy':
      collectUnknownFields(def.getter!(), value, path, out);
      return;
    case 'array':
      if (Array.isArray(value))
        value.forEach((item, i) => {
          collectUnknownFields(def.element!, item, `${path}[${i}]`, out);
        });
      return;
    case 'tuple':
      if (Array.isArray(value))
        value.forEach((item, i) => {
          const itemSchema = def.items?.[i] ?? def.rest;
          if (itemSchema) collectUnknownFields(itemSchema, item, `${path}[${i}]`, out);
        });
      return;
    case 'record':
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        for (const [key, item] of Object.entries(value))
          collectUnknownFields(def.valueType!, item, join(path, key), out);
      return;
    case 'union': {
      // The fields of the option the value matches; none matching is the validator's business.
      const candidates = (def.options ?? []).filter((option) => option.safeParse(value).success);
      let best: string[] | null = null;
      for (const option of candidates) {
        const found: string[] = [];
        collectUnknownFields(option, value, path, found);
        if (best === null || found.length < best.length) best = found;
      }
      if (best) out.push(...best);
      return;
    }
    case 'intersection': {
      // A key is unknown only if neither side knows it.
      const left: string[] = [];
      const right: string[] = [];
      collectUnknownFields(def.left!, value, path, left);
      collectUnknownFields(def.right!, value, path, right);
      out.push(...left.filter((key) => right.includes(key)));
      return;
    }
    default:
      return;
  }
}
