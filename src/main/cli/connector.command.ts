import { TRIGGERS, type Trigger } from '../../platform/outbox/outbox.ts';
import { badRequest } from '../../shared/errors.ts';
import { assertTenant, type Command, cliPrincipal, str, type Values, withServices } from './command.ts';

/** The options of `connector add` checked and turned into the definition of a connector. */
function connectorDefinition(values: Values) {
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
    throw badRequest('cli.max', 'max-versuche 1–50', '--max-versuche muss eine Zahl von 1 bis 50 sein.');
  return {
    id: str(values.id)!,
    name: str(values.name)!,
    ausloeser: ausloeser as Trigger,
    transport: transport as 'webhook',
    nutzlast: nutzlast as 'json',
    filter: str(values.filter) ?? null,
    mapping,
    maxVersuche: max ? Number(max) : undefined,
  };
}

/** Connectors (Anbindungen) defined on the Verbund level. */
export const CONNECTOR_COMMANDS: Record<string, Command> = {
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
        const owner = await assertTenant(services, str(values.owner));
        const connector = await services.integrations.defineConnector(
          cliPrincipal(owner),
          connectorDefinition(values),
        );
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
        const tenant = await assertTenant(
          services,
          str(values.tenant) ?? (await services.verbund.listMembers())[0]?.id,
        );
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
};
