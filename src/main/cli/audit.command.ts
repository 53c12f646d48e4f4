import { assertTenant, type Command, str, withServices } from './command.ts';

/** The audit chain of a county, recomputed. */
export const AUDIT_COMMANDS: Record<string, Command> = {
  'audit verify': {
    synopsis: '--tenant <id> [--json]',
    description:
      'Rechnet die Prüfkette eines Landkreises nach; Exit-Code 1 und die erste gebrochene Nummer, wenn sie verändert wurde.',
    options: { tenant: { type: 'string' }, json: { type: 'boolean' } },
    required: ['tenant'],
    run: ({ values, config }) =>
      withServices(config, async (services) => {
        const tenantId = await assertTenant(services, str(values.tenant));
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
