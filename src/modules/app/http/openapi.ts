import { OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from '../../shared/errors.ts';
import type { AppEnv } from './context.ts';

/** An OpenAPIHono whose request-validation failures become problem+json 400s with field messages. */
export function createApiRouter() {
  return new OpenAPIHono<AppEnv>({
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
}

export type ApiRouter = ReturnType<typeof createApiRouter>;
