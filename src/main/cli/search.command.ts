import { reindexLineDe } from '../../modules/search/search.module.ts';
import type { Services } from '../services.ts';
import { assertTenant, type Command, str, withServices } from './command.ts';

/** The county named by --tenant, or every member of the Verbund. */
async function tenantsOf(services: Services, tenant: string | undefined) {
  if (tenant) return [await assertTenant(services, tenant)];
  return (await services.verbund.listMembers()).map((m) => m.id);
}

/** The search index: start a reindex after an analyzer change, and see how far it is. */
export const SEARCH_COMMANDS: Record<string, Command> = {
  'suche reindex': {
    synopsis: '[--tenant <id>] [--alle] [--json]',
    description:
      'Indexiert die Dokumente mit älterem Analyseverfahren neu (mit --alle jedes Dokument, z. B. nach geändertem Lexikon), im Hintergrund durch den Job-Worker; ohne --tenant für jeden Landkreis.',
    options: { tenant: { type: 'string' }, alle: { type: 'boolean' }, json: { type: 'boolean' } },
    run: ({ values, config }) =>
      withServices(config, async (services) => {
        const results = [];
        for (const tenantId of await tenantsOf(services, str(values.tenant)))
          results.push({
            tenantId,
            ...(await services.searchReindex.start({ tenantId, all: values.alle === true })),
          });
        if (values.json) console.log(JSON.stringify(results));
        else
          for (const r of results)
            console.log(
              `${r.tenantId}: ${r.started ? 'Neuindexierung gestartet' : r.progress.status === 'laeuft' ? 'Neuindexierung läuft bereits' : 'nichts zu tun'} – ${reindexLineDe(r.progress)}`,
            );
        return 0;
      }),
  },
  'suche status': {
    synopsis: '[--tenant <id>] [--json]',
    description: 'Zeigt je Landkreis, wie weit die Neuindexierung der Suche ist (Anteil, Rate, Restzeit).',
    options: { tenant: { type: 'string' }, json: { type: 'boolean' } },
    run: ({ values, config }) =>
      withServices(config, async (services) => {
        const results = [];
        for (const tenantId of await tenantsOf(services, str(values.tenant)))
          results.push({ tenantId, ...(await services.searchReindex.progress(tenantId)) });
        if (values.json) console.log(JSON.stringify(results));
        else
          for (const r of results)
            console.log(
              `${r.tenantId}: ${reindexLineDe(r)}${r.status === 'laeuft' && r.ratePerSecond ? ` – ${Math.round(r.ratePerSecond).toLocaleString('de-DE')} Dokumente/s` : ''}`,
            );
        return 0;
      }),
  },
};
