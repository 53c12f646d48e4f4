import { type Command, str, withServices } from './command.ts';

/** The members of the Verbund: list and add (one step: tenant, admin account, shared pieces). */
export const TENANT_COMMANDS: Record<string, Command> = {
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
};
