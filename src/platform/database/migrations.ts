import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const migrationsDir = fileURLToPath(new URL('../../../migrations/', import.meta.url));

/**
 * Applies the numbered plain-SQL migrations in migrations/ that are not yet recorded, each in its
 * own transaction, under an advisory lock so that several processes starting at once are safe.
 * Runs as the owner role (never as verbund_app).
 */
export async function runMigrations({ connectionString }: { connectionString: string }) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('select pg_advisory_lock(7236001)');
    await client.query(`create table if not exists schema_migrations (
      version text primary key, applied_at timestamptz not null default now())`);
    const done = new Set(
      (await client.query<{ version: string }>('select version from schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const files = (await readdir(migrationsDir)).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
    for (const file of files) {
      const version = file.replace(/\.sql$/, '');
      if (done.has(version)) continue;
      const text = await readFile(path.join(migrationsDir, file), 'utf8');
      try {
        await client.query('begin');
        await client.query(text);
        await client.query('insert into schema_migrations (version) values ($1)', [version]);
        await client.query('commit');
        applied.push(version);
      } catch (error) {
        await client.query('rollback');
        throw new Error(`Migration ${file} fehlgeschlagen / failed: ${(error as Error).message}`);
      }
    }
  } finally {
    await client.query('select pg_advisory_unlock(7236001)').catch(() => {});
    await client.end();
  }
  return { applied };
}

/** Gives the NOLOGIN role verbund_app a login and password (cluster-wide; idempotent). */
export async function enableAppLogin({
  connectionString,
  password,
}: {
  connectionString: string;
  password: string;
}) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const escaped = password.replace(/'/g, "''");
    await client.query(`alter role verbund_app login password '${escaped}'`);
  } finally {
    await client.end();
  }
}
