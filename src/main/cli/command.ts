import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../../platform/config.ts';
import { prepareDatabase } from '../../platform/database/bootstrap.ts';
import { isRole, type Principal, ROLES, type Role } from '../../platform/http/principal.ts';
import { createLogger } from '../../platform/logger.ts';
import { badRequest } from '../../shared/errors.ts';
import { buildServices, type Services } from '../services.ts';

export type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

/** One command of `verbund`: its usage line, its options, and what it does (returns the exit code). */
export type Command = {
  synopsis: string;
  description: string;
  options: NonNullable<ParseArgsConfig['options']>;
  required?: string[];
  /** Name under which the one positional argument arrives in `values` (e.g. `verbund import DIR`). */
  positional?: string;
  run(args: { values: Values; config: Config }): Promise<number>;
};

/** Opens the database (reusing a running embedded server), runs `work`, and cleans up. */
export async function withServices(
  config: Config,
  work: (services: Services) => Promise<number>,
  { poolSize = 3 }: { poolSize?: number } = {},
) {
  const prepared = await prepareDatabase({ config });
  const services = buildServices({
    config,
    appUrl: prepared.appUrl,
    logger: createLogger({ level: 'warn' }),
    poolSize,
  });
  try {
    return await work(services);
  } finally {
    await services.close();
    await prepared.stop();
  }
}

export const str = (v: Values[string]) => (typeof v === 'string' ? v : undefined);

/** The roles of repeated or comma-separated `--role` options; an unknown one is refused. */
export const roles = (v: Values[string]): Role[] => {
  const list = (Array.isArray(v) ? v : [v])
    .filter((r): r is string => typeof r === 'string')
    .flatMap((r) => r.split(','));
  const bad = list.filter((r) => !isRole(r));
  if (bad.length)
    throw badRequest(
      'cli.role',
      `unknown role ${bad.join(', ')}`,
      `Unbekannte Rolle: ${bad.join(', ')}. Erlaubt: ${ROLES.join(', ')}.`,
    );
  return list as Role[];
};

/** Refuses a county that is not a member (or none at all). */
export async function assertTenant(services: Services, tenantId: string | undefined) {
  if (!tenantId || !(await services.identity.tenantExists(tenantId)))
    throw badRequest('cli.tenant', 'unknown tenant', `Unbekannter Landkreis: ${tenantId}`);
  return tenantId;
}

/** The CLI acts as the Verbund administration of the given county (audited as token:cli). */
export const cliPrincipal = (tenantId: string): Principal => ({
  tenantId,
  userId: null,
  login: null,
  displayName: 'Kommandozeile',
  roles: ['verbund-admin', 'kreis-admin'],
  via: 'token',
  tokenId: 'cli',
});
