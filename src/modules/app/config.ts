import path from 'node:path';
import { z } from 'zod';

/**
 * The whole configuration as one validated tree, built from the environment. Read only in the
 * composition root (services.ts) and the CLI; domain code receives what it needs as arguments.
 * `configDocumentation` below is rendered into the README section "Konfiguration".
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  VERBUND_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  DATABASE_APP_URL: z.string().optional(),
  VERBUND_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  VERBUND_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  VERBUND_SESSION_HOURS: z.coerce.number().positive().default(8),
  VERBUND_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  VERBUND_UPLOAD_LIMIT_MB: z.coerce.number().positive().default(100),
  VERBUND_BLOB_STORE: z.enum(['fs', 's3']).default('fs'),
  S3_BUCKET: z.string().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  S3_PREFIX: z.string().default(''),
  VERBUND_XDF_XSD_DIR: z.string().optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('Verbund E-Government <noreply@verbund.invalid>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export const configDocumentation: Record<keyof z.infer<typeof envSchema>, string> = {
  PORT: 'Port des Webservers (Standard 3000; 0 = freier Port).',
  HOST: 'Adresse, an die der Webserver bindet (Standard 0.0.0.0).',
  PUBLIC_URL: 'Öffentliche Adresse, z. B. https://verbund.example.de; https schaltet Secure-Cookies ein.',
  VERBUND_DATA_DIR: 'Datenverzeichnis für eingebettetes PostgreSQL und Dateiablage (Standard ./data).',
  DATABASE_URL:
    'Externes PostgreSQL ≥ 15 (Eigentümer-Rolle, führt Migrationen aus). Ohne Angabe startet das eingebettete PostgreSQL.',
  DATABASE_APP_URL:
    'Verbindung der Anwendungsrolle (ohne Tabellenbesitz, ohne BYPASSRLS). Standard: DATABASE_URL mit Benutzer verbund_app und dem Passwort aus VERBUND_APP_DB_PASSWORD.',
  VERBUND_PG_PORT: 'Port des eingebetteten PostgreSQL (nur 127.0.0.1; Standard 54329).',
  VERBUND_SEED_DEMO: 'Beim ersten Start den Demo-Verbund der vier Landkreise anlegen (Standard true).',
  VERBUND_SESSION_HOURS: 'Gültigkeit einer Anmeldung in Stunden (Standard 8).',
  VERBUND_SECURE_COOKIES: 'Secure-Flag für Cookies: auto (bei https/TLS-Proxy), true oder false.',
  VERBUND_UPLOAD_LIMIT_MB: 'Größte Datei beim Hochladen in MiB (Standard 100).',
  VERBUND_BLOB_STORE:
    'Dateiablage: fs (Standard, unter VERBUND_DATA_DIR/blobs) oder s3 (S3-kompatibel: MinIO, Ceph, AWS).',
  S3_BUCKET: 'Bucket für die Dateiablage (Pflicht bei VERBUND_BLOB_STORE=s3).',
  S3_ENDPOINT: 'Endpunkt des S3-Dienstes, z. B. http://minio:9000 (leer: AWS).',
  S3_REGION: 'Region (Standard us-east-1).',
  S3_ACCESS_KEY_ID: 'Zugangsschlüssel für S3.',
  S3_SECRET_ACCESS_KEY: 'Geheimer Schlüssel für S3.',
  S3_FORCE_PATH_STYLE: 'Pfad-Adressierung (Standard true, nötig für MinIO).',
  S3_PREFIX: 'Präfix der Objektschlüssel, z. B. verbund/ (Standard leer).',
  VERBUND_XDF_XSD_DIR:
    'Verzeichnis mit den XDatenfelder-XSD (Unterordner 2.0 und 3.0.0) für die Prüfung beim FIM-Import mit xmllint. Standard: ../shared/standards/xdatenfelder, falls vorhanden.',
  SMTP_URL:
    'SMTP-Server für E-Mail-Benachrichtigungen an Antragstellende, z. B. smtp://relay.example.de:25 (leer: keine E-Mails).',
  SMTP_FROM: 'Absender der Benachrichtigungen.',
  LOG_LEVEL: 'Protokollstufe (fatal … trace, silent).',
};

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Ungültige Konfiguration / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.VERBUND_DATA_DIR);
  return {
    server: { port: e.PORT, host: e.HOST, publicUrl: e.PUBLIC_URL },
    dataDir,
    database: e.DATABASE_URL
      ? {
          kind: 'external' as const,
          ownerUrl: e.DATABASE_URL,
          appUrl: e.DATABASE_APP_URL,
          appPassword: env.VERBUND_APP_DB_PASSWORD,
        }
      : { kind: 'embedded' as const, dir: path.join(dataDir, 'pg'), port: e.VERBUND_PG_PORT },
    seedDemo: e.VERBUND_SEED_DEMO === 'true',
    session: { hours: e.VERBUND_SESSION_HOURS, secureCookies: e.VERBUND_SECURE_COOKIES },
    uploads: { limitBytes: Math.round(e.VERBUND_UPLOAD_LIMIT_MB * 1024 * 1024) },
    blobs: blobConfig(e, dataDir),
    fim: {
      xsdDir: path.resolve(
        e.VERBUND_XDF_XSD_DIR ??
          path.join(
            path.dirname(new URL(import.meta.url).pathname),
            '../../../../shared/standards/xdatenfelder',
          ),
      ),
    },
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : null,
    logLevel: e.LOG_LEVEL,
  };
}

export class ConfigError extends Error {}

function blobConfig(e: z.infer<typeof envSchema>, dataDir: string) {
  if (e.VERBUND_BLOB_STORE === 'fs') return { kind: 'fs' as const, root: path.join(dataDir, 'blobs') };
  if (!e.S3_BUCKET)
    throw new ConfigError('Ungültige Konfiguration: S3_BUCKET fehlt (VERBUND_BLOB_STORE=s3).');
  return {
    kind: 's3' as const,
    bucket: e.S3_BUCKET,
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
    prefix: e.S3_PREFIX,
    tempDir: path.join(dataDir, 'tmp'),
  };
}
