import { badRequest } from '../../shared/errors.ts';
import { assertTenant, type Command, roles, str, withServices } from './command.ts';

/** People and machines of a county: user accounts and API tokens. */
export const IDENTITY_COMMANDS: Record<string, Command> = {
  'user add': {
    synopsis:
      '--tenant <id> --login <name> --name <Anzeigename> --role <rolle> [--role …] [--password <pw>] [--org-unit <Kürzel>]',
    description: 'Legt einen Benutzer an (ohne --password wird eines erzeugt und einmal angezeigt).',
    options: {
      tenant: { type: 'string' },
      login: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      password: { type: 'string' },
      'org-unit': { type: 'string' },
    },
    required: ['tenant', 'login', 'name', 'role'],
    run: ({ values, config }) =>
      withServices(config, async (services) => {
        const tenantId = await assertTenant(services, str(values.tenant));
        const password =
          str(values.password) ?? (await import('node:crypto')).randomBytes(12).toString('base64url');
        const user = await services.identity.addUser({
          tenantId,
          login: str(values.login)!,
          displayName: str(values.name)!,
          password,
          roles: roles(values.role),
          orgUnit: str(values['org-unit']),
          actor: 'cli',
        });
        console.log(
          `Benutzer ${user.login}@${tenantId} angelegt (${user.roles.join(', ')}).${values.password ? '' : ` Passwort: ${password}`}`,
        );
        return 0;
      }),
  },
  'token create': {
    synopsis:
      '--tenant <id> --role <rolle> [--role …] [--user <login>] [--name <text>] [--expires-days <n>] [--json]',
    description: 'Stellt ein API-Token aus und zeigt es einmal an.',
    options: {
      tenant: { type: 'string' },
      role: { type: 'string', multiple: true },
      user: { type: 'string' },
      name: { type: 'string' },
      'expires-days': { type: 'string' },
      json: { type: 'boolean' },
    },
    required: ['tenant', 'role'],
    run: ({ values, config }) =>
      withServices(config, async (services) => {
        const tenantId = await assertTenant(services, str(values.tenant));
        const days = str(values['expires-days']);
        if (days !== undefined && !/^[1-9]\d{0,3}$/.test(days))
          throw badRequest(
            'cli.expires',
            'expires-days must be 1–9999',
            '--expires-days muss eine Zahl von 1 bis 9999 sein.',
          );
        const created = await services.identity.createApiToken({
          tenantId,
          roles: roles(values.role),
          userLogin: str(values.user),
          name: str(values.name),
          expiresInDays: days ? Number(days) : undefined,
          actor: 'cli',
        });
        console.log(
          values.json
            ? JSON.stringify({ token: created.token, id: created.id, expiresAt: created.expiresAt })
            : created.token,
        );
        return 0;
      }),
  },
};
