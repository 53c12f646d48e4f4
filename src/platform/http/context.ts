import type { Context } from 'hono';
import type { AppError } from '../../shared/errors.ts';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../database/database.ts';
import type { Logger } from '../logger.ts';
import type { Principal } from './principal.ts';
import type { RateLimiter } from './rate-limit.types.ts';

/** How the platform learns who calls: the identity module resolves tokens and session cookies. */
export type Authenticator = {
  resolveApiToken: (token: string) => Promise<Principal | null>;
  resolveSession: (cookie: string) => Promise<Principal | null>;
};

/** An HTML error page of its own for a part of the site (the citizen portal under /portal). */
export type ErrorPageRenderer = {
  pathPrefix: string;
  render: (c: Context<AppEnv>, error: AppError) => Response | Promise<Response>;
};

/**
 * What the platform's middleware needs from the running product. `main/` builds it once; modules
 * get their own dependencies as parameters of their route and page registrations, not from here.
 */
export type PlatformContext = {
  config: Config;
  database: DatabaseHandle;
  logger: Logger;
  rateLimits: RateLimiter;
  authenticator: Authenticator;
  errorPages: ErrorPageRenderer[];
};

export type AppEnv = {
  Variables: {
    platform: PlatformContext;
    principal: Principal | null;
    requestId: string;
  };
};
