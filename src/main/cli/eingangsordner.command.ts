import { assertTenant, type Command, cliPrincipal, str, withServices } from './command.ts';

/** `Bauamt=63.01` → a rule to a unit; `Bauamt=<uuid>` → a rule straight into a Vorgang. */
const regelOf = (text: string) => {
  const [unterordner = '', ziel = ''] = text.split('=');
  return /^[0-9a-f-]{36}$/i.test(ziel) ? { unterordner, vorgangId: ziel } : { unterordner, aktenplan: ziel };
};

/** Consume folders of a county: set up and list (the worker of `verbund start` watches them). */
export const EINGANGSORDNER_COMMANDS: Record<string, Command> = {
  'eingangsordner add': {
    synopsis:
      '--tenant <id> --name <name> --pfad <relativ> [--aktenplan <kennzeichen>] [--oe <kürzel>] [--regel Unterordner=Kennzeichen|Vorgang-ID …] [--stabil <s>] [--json]',
    description:
      'Richtet einen Eingangsordner unter VERBUND_EINGANG_DIR/<landkreis>/ ein (eigene Akte; Unterordner per Regel in andere Aktenplaneinheiten oder Vorgänge).',
    options: {
      tenant: { type: 'string' },
      name: { type: 'string' },
      pfad: { type: 'string' },
      aktenplan: { type: 'string' },
      oe: { type: 'string' },
      regel: { type: 'string', multiple: true },
      stabil: { type: 'string' },
      json: { type: 'boolean' },
    },
    required: ['tenant', 'name', 'pfad'],
    run: ({ values, config }) =>
      withServices(config, async (services) => {
        const tenantId = await assertTenant(services, str(values.tenant));
        const regeln = (Array.isArray(values.regel) ? values.regel : []).map((r) => regelOf(String(r)));
        const ordner = await services.eingangsordner.create(cliPrincipal(tenantId), {
          name: str(values.name)!,
          pfad: str(values.pfad)!,
          aktenplan: str(values.aktenplan),
          oe: str(values.oe) ?? null,
          regeln,
          stabilSekunden: values.stabil ? Number(values.stabil) : undefined,
        });
        if (values.json) console.log(JSON.stringify(ordner));
        else
          console.log(
            `Eingangsordner „${ordner.name}“ eingerichtet: ${config.intake.eingangRoot}/${tenantId}/${ordner.pfad} (${ordner.regeln.length} Regeln, Stabilität ${ordner.stabilSekunden} s).`,
          );
        return 0;
      }),
  },
  'eingangsordner list': {
    synopsis: '--tenant <id> [--json]',
    description: 'Listet die Eingangsordner eines Landkreises.',
    options: { tenant: { type: 'string' }, json: { type: 'boolean' } },
    required: ['tenant'],
    run: ({ values, config }) =>
      withServices(config, async (services) => {
        const tenantId = await assertTenant(services, str(values.tenant));
        const list = await services.eingangsordner.list(cliPrincipal(tenantId));
        if (values.json) console.log(JSON.stringify(list));
        else if (list.length === 0) console.log('Keine Eingangsordner.');
        else
          for (const o of list)
            console.log(
              `${o.name.padEnd(30)} ${o.pfad}  ${o.aktiv ? 'aktiv' : 'aus'}  Regeln: ${o.regeln.length}`,
            );
        return 0;
      }),
  },
};
