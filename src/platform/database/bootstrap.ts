import type { Config } from '../config.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { enableAppLogin, runMigrations } from './migrations.ts';

/**
 * Brings the database to a usable state: starts (or reuses) the embedded server, or uses the
 * external one; applies migrations as the owner; returns the app role's connection string.
 */
export async function prepareDatabase({
  config,
  migrate = true,
  onLog,
}: {
  config: Config;
  migrate?: boolean;
  onLog?: (line: string) => void;
}) {
  if (config.database.kind === 'external') {
    const { ownerUrl } = config.database;
    const migrations = migrate ? await runMigrations({ connectionString: ownerUrl }) : { applied: [] };
    let appUrl = config.database.appUrl;
    if (!appUrl) {
      const password = config.database.appPassword;
      if (!password) {
        throw new Error(
          'Externes PostgreSQL: DATABASE_APP_URL oder VERBUND_APP_DB_PASSWORD angeben (die App verbindet sich nie als Tabelleneigentümer).',
        );
      }
      await enableAppLogin({ connectionString: ownerUrl, password });
      const url = new URL(ownerUrl);
      url.username = 'verbund_app';
      url.password = password;
      appUrl = url.toString();
    }
    return {
      kind: 'external' as const,
      ownerUrl,
      appUrl,
      firstStart: migrations.applied.length > 0,
      migrations,
      stop: async () => {},
      // An external server is someone else's to run; the pool reconnects when it is back.
      watch: undefined,
      startedHere: false,
      adopted: false,
    };
  }
  const server = await startEmbeddedPostgres({ dir: config.database.dir, port: config.database.port, onLog });
  try {
    const migrations = migrate ? await runMigrations({ connectionString: server.ownerUrl }) : { applied: [] };
    await enableAppLogin({ connectionString: server.ownerUrl, password: server.appPassword });
    return {
      kind: 'embedded' as const,
      ownerUrl: server.ownerUrl,
      appUrl: server.appUrl(),
      firstStart: server.firstStart,
      migrations,
      stop: server.stop,
      watch: server.watch,
      startedHere: server.startedHere,
      adopted: server.adopted,
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export type PreparedDatabase = Awaited<ReturnType<typeof prepareDatabase>>;
