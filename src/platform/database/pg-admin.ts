import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

// The superuser's side of the embedded PostgreSQL (embedded-postgres.ts): its passwords, whether
// it answers, and the product's database.

type Credentials = { superPassword: string; appPassword: string };

export async function loadOrCreateCredentials(file: string, firstStart: boolean): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  if (!firstStart) {
    throw new Error(`${file} fehlt, aber das Datenverzeichnis existiert: Zugangsdaten verloren.`);
  }
  const credentials = {
    superPassword: randomBytes(24).toString('base64url'),
    appPassword: randomBytes(24).toString('base64url'),
  };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

export async function canConnect(connectionString: string) {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function ensureDatabase(superUrl: string, database: string) {
  const client = new pg.Client({ connectionString: superUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}
