import { readFile } from 'node:fs/promises';
import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../../platform/config.ts';
import { prepareDatabase } from '../../platform/database/bootstrap.ts';
import { isRole, type Principal, ROLES, type Role } from '../../platform/http/principal.ts';
import { createLogger } from '../../platform/logger.ts';
import { TRIGGERS, type Trigger } from '../../platform/outbox/outbox.ts';
import { badRequest } from '../../shared/errors.ts';
import { type Mode, startRuntime } from '../runtime.ts';
import { buildServices, type Services } from '../services.ts';

type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;
export type Command = {
  synopsis: string;
  description: string;
  options: NonNullable<ParseArgsConfig['options']>;
  required?: string[];
  run(args: { values: Values; config: Config }): Promise<number>;
};

/** Opens the database (reusing a running embedded server), runs `work`, and cleans up. */
async function withServices(config: Config, work: (services: Services) => Promise<number>) {
  const prepared = await prepareDatabase({ config });
  const services = buildServices({
    config,
    appUrl: prepared.appUrl,
    logger: createLogger({ level: 'warn' }),
    poolSize: 3,
  });
  try {
    return await work(services);
  } finally {
    await services.close();
    await prepared.stop();
  }
}

const str = (v: Values[string]) => (typeof v === 'string' ? v : undefined);
const roles = (v: Values[string]): Role[] => {
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

/** The CLI acts as the Verbund administration of the given county (audited as token:cli). */
const cliPrincipal = (tenantId: string): Principal => ({
  tenantId,
  userId: null,
  login: null,
  displayName: 'Kommandozeile',
  roles: ['verbund-admin', 'kreis-admin'],
  via: 'token',
  tokenId: 'cli',
});

export const COMMANDS: Record<string, Command> = {
  start: {
    synopsis: '[--mode all|web|worker]',
    description: 'Startet Web und/oder Worker (Standard: all).',
    options: { mode: { type: 'string', default: 'all' } },
    async run({ values, config }) {
      const mode = str(values.mode) as Mode;
      if (!['all', 'web', 'worker'].includes(mode))
        throw badRequest(
          'cli.mode',
          'mode must be all, web or worker',
          '--mode muss all, web oder worker sein.',
        );
      const runtime = await startRuntime({ config, mode });
      await new Promise<void>((resolve) => {
        const onSignal = (signal: string) => {
          console.log(`${signal} empfangen – Verbund wird beendet …`);
          runtime.stop().then(resolve, (error) => {
            console.error(error);
            resolve();
          });
        };
        process.once('SIGINT', () => onSignal('SIGINT'));
        process.once('SIGTERM', () => onSignal('SIGTERM'));
      });
      console.log('Verbund beendet.');
      return 0;
    },
  },
  migrate: {
    synopsis: '',
    description: 'Wendet ausstehende Datenbank-Migrationen an.',
    options: {},
    async run({ config }) {
      const prepared = await prepareDatabase({ config });
      await prepared.stop();
      console.log(
        prepared.migrations.applied.length
          ? `Angewendet: ${prepared.migrations.applied.join(', ')}`
          : 'Datenbank ist aktuell.',
      );
      return 0;
    },
  },
  'tenant list': {
    synopsis: '[--json]',
    description: 'Listet die Mitglieder des Verbunds.',
    options: { json: { type: 'boolean' } },
    run: ({ values, config }) =>
      withServices(config, async (services) => {
        const members = await services.verbund.listMembers();
        if (values.json)
          console.log(
            JSON.stringify(
              members.map((m) => ({
                id: m.id,
                name: m.name,
                kreisschluessel: m.kreisschluessel,
                joinedOn: m.joined_on,
              })),
            ),
          );
        else if (members.length === 0) console.log('Noch keine Mitglieder.');
        else
          for (const m of members)
            console.log(`${m.id.padEnd(24)} ${m.kreisschluessel}  ${m.name} (seit ${m.joined_on})`);
        return 0;
      }),
  },
  'tenant add': {
    synopsis: '--id <kennung> --name <name> --kreisschluessel <5 Ziffern> [--json]',
    description:
      'Nimmt einen Landkreis in einem Schritt auf: Mandant, Admin-Konto und alle geteilten Bausteine.',
    options: {
      id: { type: 'string' },
      name: { type: 'string' },
      kreisschluessel: { type: 'string' },
      json: { type: 'boolean' },
    },
    required: ['id', 'name', 'kreisschluessel'],
    run: ({ values, config }) =>
      withServices(config, async (services) => {
        const result = await services.verbund.addMember({
          member: {
            id: str(values.id)!,
            name: str(values.name)!,
            kreisschluessel: str(values.kreisschluessel)!,
          },
          actor: 'cli',
        });
        if (values.json) {
          console.log(JSON.stringify(result));
          return 0;
        }
        console.log(
          `${result.tenant.name} (${result.tenant.id}, Kreisschlüssel ${result.tenant.kreisschluessel}) ist dem Verbund beigetreten.`,
        );
        console.log(
          `  Admin-Konto: ${result.admin.login}  Passwort (nur jetzt sichtbar): ${result.admin.password}`,
        );
        console.log(`  Erhalten (${result.received.length}):`);
        for (const r of result.received)
          console.log(
            `    - [${r.hook}] ${r.label}${r.ownerTenantId ? ` – bereitgestellt von ${r.ownerTenantId}` : ''}${r.status === 'pending' ? ' (wartet auf Einrichtung)' : ''}`,
          );
        return 0;
      }),
  },
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
        const tenantId = str(values.tenant)!;
        if (!(await services.identity.tenantExists(tenantId)))
          throw badRequest('cli.tenant', 'unknown tenant', `Unbekannter Landkreis: ${tenantId}`);
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
        const tenantId = str(values.tenant)!;
        if (!(await services.identity.tenantExists(tenantId)))
          throw badRequest('cli.tenant', 'unknown tenant', `Unbekannter Landkreis: ${tenantId}`);
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
  'connector add': {
    synopsis:
      '--id <slug> --name <name> --owner <landkreis> --ausloeser antrag.eingegangen|dokument.abgelegt|vorgang.status --transport webhook|verzeichnis [--nutzlast json|fit-connect|xdomea] [--filter <leistung|kennzeichen>] [--mapping <json>] [--max-versuche <n>]',
    description:
      'Definiert eine Anbindung auf Verbund-Ebene (Eigentümer: der analysierende Landkreis); jedes Mitglied erhält sie, wartend auf seinen Endpunkt.',
    options: {
      id: { type: 'string' },
      name: { type: 'string' },
      owner: { type: 'string' },
      ausloeser: { type: 'string' },
      transport: { type: 'string' },
      nutzlast: { type: 'string', default: 'json' },
      filter: { type: 'string' },
      mapping: { type: 'string' },
      'max-versuche': { type: 'string' },
      json: { type: 'boolean' },
    },
    required: ['id', 'name', 'owner', 'ausloeser', 'transport'],
    run: ({ values, config }) =>
      withServices(config, async (services) => {
        const owner = str(values.owner)!;
        if (!(await services.identity.tenantExists(owner)))
          throw badRequest('cli.tenant', 'unknown tenant', `Unbekannter Landkreis: ${owner}`);
        const ausloeser = str(values.ausloeser)!;
        const transport = str(values.transport)!;
        const nutzlast = str(values.nutzlast)!;
        if (!(TRIGGERS as readonly string[]).includes(ausloeser))
          throw badRequest('cli.ausloeser', 'unknown trigger', `--ausloeser: ${TRIGGERS.join(', ')}`);
        if (!['webhook', 'verzeichnis'].includes(transport))
          throw badRequest('cli.transport', 'unknown transport', '--transport: webhook oder verzeichnis');
        if (!['json', 'fit-connect', 'xdomea'].includes(nutzlast))
          throw badRequest('cli.nutzlast', 'unknown payload', '--nutzlast: json, fit-connect oder xdomea');
        let mapping: Record<string, unknown> | undefined;
        if (str(values.mapping)) {
          try {
            mapping = JSON.parse(str(values.mapping)!);
          } catch {
            throw badRequest('cli.mapping', 'mapping is not JSON', '--mapping ist kein gültiges JSON.');
          }
        }
        const max = str(values['max-versuche']);
        if (max !== undefined && !/^[1-9]\d?$/.test(max))
          throw badRequest(
            'cli.max',
            'max-versuche 1–50',
            '--max-versuche muss eine Zahl von 1 bis 50 sein.',
          );
        const connector = await services.integrations.defineConnector(cliPrincipal(owner), {
          id: str(values.id)!,
          name: str(values.name)!,
          ausloeser: ausloeser as Trigger,
          transport: transport as 'webhook',
          nutzlast: nutzlast as 'json',
          filter: str(values.filter) ?? null,
          mapping,
          maxVersuche: max ? Number(max) : undefined,
        });
        if (values.json) console.log(JSON.stringify(connector));
        else
          console.log(
            `Anbindung ${connector.id} definiert (Eigentümer ${connector.ownerName}); alle Mitglieder: wartend auf Endpunkt.`,
          );
        return 0;
      }),
  },
  'connector list': {
    synopsis: '[--tenant <id>] [--json]',
    description:
      'Listet die Anbindungen des Verbunds, mit --tenant samt Aktivierung und Zustellstand dieses Landkreises.',
    options: { tenant: { type: 'string' }, json: { type: 'boolean' } },
    run: ({ values, config }) =>
      withServices(config, async (services) => {
        const tenant = str(values.tenant) ?? (await services.verbund.listMembers())[0]?.id;
        if (!tenant || !(await services.identity.tenantExists(tenant)))
          throw badRequest('cli.tenant', 'unknown tenant', `Unbekannter Landkreis: ${tenant}`);
        const principal = cliPrincipal(tenant);
        const [connectors, monitor] = await Promise.all([
          services.integrations.listConnectors(principal),
          services.integrations.monitor(principal),
        ]);
        const rows = connectors.map((c) => ({
          ...c,
          monitor: monitor.find((m) => m.connectorId === c.id) ?? null,
        }));
        if (values.json) console.log(JSON.stringify(rows));
        else if (rows.length === 0) console.log('Keine Anbindungen definiert.');
        else
          for (const r of rows)
            console.log(
              `${r.id}  ${r.name}  [${r.ausloeser}${r.filter ? ` ${r.filter}` : ''} → ${r.transport}]  Eigentümer ${r.ownerTenantId}  ${tenant}: ${r.aktivierung.status}, zugestellt ${r.monitor?.zugestellt ?? 0}, tot ${r.monitor?.tot ?? 0}`,
            );
        return 0;
      }),
  },
  'gemeinden import': {
    synopsis: '--datei <GV100AD.txt>',
    description:
      'Übernimmt das amtliche Gemeindeverzeichnis (Destatis GV100AD) für die Zuständigkeit im Bürgerportal.',
    options: { datei: { type: 'string' } },
    required: ['datei'],
    run: ({ values, config }) =>
      withServices(config, async (services) => {
        const file = str(values.datei)!;
        const bytes = await readFile(file).catch(() => {
          throw badRequest('cli.file', 'cannot read file', `Die Datei ${file} kann nicht gelesen werden.`);
        });
        const result = await services.ozg.catalog.importGemeinden(bytes, (done, total) =>
          process.stderr.write(`\rGemeinden übernehmen: ${done}/${total}`),
        );
        process.stderr.write('\n');
        console.log(
          `${result.gemeinden} Gemeinden übernommen (${result.thueringen} in Thüringen); ${result.uebersprungen} andere Datensätze übersprungen.`,
        );
        return 0;
      }),
  },
  'audit verify': {
    synopsis: '--tenant <id> [--json]',
    description:
      'Rechnet die Prüfkette eines Landkreises nach; Exit-Code 1 und die erste gebrochene Nummer, wenn sie verändert wurde.',
    options: { tenant: { type: 'string' }, json: { type: 'boolean' } },
    required: ['tenant'],
    run: ({ values, config }) =>
      withServices(config, async (services) => {
        const tenantId = str(values.tenant)!;
        if (!(await services.identity.tenantExists(tenantId)))
          throw badRequest('cli.tenant', 'unknown tenant', `Unbekannter Landkreis: ${tenantId}`);
        const result = await services.audit.verify({ tenantId });
        if (values.json) console.log(JSON.stringify(result));
        else if (result.ok) console.log(`Prüfkette ${tenantId}: intakt, ${result.events} Ereignisse.`);
        else
          console.error(
            `Prüfkette ${tenantId}: GEBROCHEN bei seq ${result.brokenSeq} – ${result.reason} (${result.events} Ereignisse davor intakt).`,
          );
        return result.ok ? 0 : 1;
      }),
  },
};

export function usage() {
  const lines = Object.entries(COMMANDS).map(
    ([name, c]) => `  verbund ${name} ${c.synopsis}\n      ${c.description}`,
  );
  return `Verbund – Kommandozeile\n\n${lines.join('\n')}\n\nKonfiguration über Umgebungsvariablen (siehe README, Abschnitt Konfiguration).`;
}
