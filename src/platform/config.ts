import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
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
  VERBUND_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  VERBUND_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  VERBUND_SESSION_HOURS: z.coerce.number().positive().default(8),
  VERBUND_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  VERBUND_UPLOAD_LIMIT_MB: z.coerce.number().positive().default(100),
  VERBUND_EXTRACTION_HEAP_MB: z.coerce.number().int().min(32).max(65536).default(512),
  VERBUND_EXTRACTION_TIMEOUT_S: z.coerce.number().positive().default(60),
  VERBUND_JSON_LIMIT_KB: z.coerce
    .number()
    .int()
    .min(1)
    .max(1024 * 1024)
    .default(1024),
  VERBUND_BLOB_STORE: z.enum(['fs', 's3']).default('fs'),
  S3_BUCKET: z.string().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  S3_PREFIX: z.string().default(''),
  VERBUND_XDF_XSD_DIR: z.string().optional(),
  VERBUND_IMPORT_DIR: z.string().optional(),
  VERBUND_EINGANG_DIR: z.string().optional(),
  VERBUND_EINGANG_ABFRAGE_S: z.coerce.number().positive().max(3600).default(2),
  VERBUND_MAIL_EINGANG_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  VERBUND_MAIL_EINGANG_HOST: z.string().default('0.0.0.0'),
  VERBUND_MAIL_EINGANG_MAX_MB: z.coerce.number().positive().max(1024).default(25),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('Verbund E-Government <noreply@verbund.invalid>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  VERBUND_TRUSTED_PROXIES: z
    .string()
    .default('')
    .refine(
      (value) => parseTrustedProxies(value) !== null,
      'Liste von IP-Adressen/CIDR oder Anzahl der Hops',
    ),
  VERBUND_RATE_PORTAL_SUBMIT: rateSetting('20/10m'),
  VERBUND_RATE_PORTAL_UPLOAD: rateSetting('120/10m'),
  VERBUND_RATE_TRACKING: rateSetting('30/1m'),
  VERBUND_RATE_LOGIN: rateSetting('20/10m'),
  VERBUND_CLAMD_SOCKET: z.string().default(''),
  VERBUND_VIRENSCAN_PFLICHT: z
    .string()
    .default('')
    .refine(
      (value) => /^(alle|[a-z0-9-]+(,[a-z0-9-]+)*)?$/.test(value.trim()),
      'alle oder Kennungen mit Komma',
    ),
  VERBUND_CLAMD_TIMEOUT_S: z.coerce.number().positive().max(3600).default(60),
  VERBUND_CLAMD_MAX_MB: z.coerce.number().positive().max(4096).default(100),
  VERBUND_OCR_THREADS: z.coerce.number().int().min(0).max(256).default(0),
  VERBUND_OCR_MAX_MEGAPIXEL: z.coerce.number().positive().max(10_000).default(100),
  VERBUND_OCR_MAX_PAGES: z.coerce.number().int().min(1).max(10_000).default(500),
  VERBUND_OCR_TIMEOUT_S: z.coerce.number().positive().max(86_400).default(600),
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
  VERBUND_PG_PORT:
    'Port des eingebetteten PostgreSQL (nur 127.0.0.1; Standard 54329, ist er belegt, ein freier Port, gemerkt in pg-port im Datenverzeichnis).',
  VERBUND_SEED_DEMO: 'Beim ersten Start den Demo-Verbund der vier Landkreise anlegen (Standard true).',
  VERBUND_SESSION_HOURS: 'Gültigkeit einer Anmeldung in Stunden (Standard 8).',
  VERBUND_SECURE_COOKIES: 'Secure-Flag für Cookies: auto (bei https/TLS-Proxy), true oder false.',
  VERBUND_UPLOAD_LIMIT_MB: 'Größte Datei beim Hochladen in MiB (Standard 100).',
  VERBUND_EXTRACTION_HEAP_MB:
    'Arbeitsspeicher (JavaScript-Heap) je Parser-Prozess in MiB für Textextraktion und xdomea-Import (Standard 512; belegter Speicher insgesamt höchstens das Doppelte plus 256); wer mehr braucht, wird abgebrochen („zu komplex“).',
  VERBUND_EXTRACTION_TIMEOUT_S:
    'Höchste Laufzeit je Datei in Sekunden für Textextraktion und xdomea-Import, gezählt ab Beginn der Verarbeitung, nicht ab Einreihen (Standard 60).',
  VERBUND_JSON_LIMIT_KB:
    'Größter Inhalt einer Anfrage ohne Datei-Upload (JSON, Formular) in KiB (Standard 1024); größere werden beim Empfang mit 413 abgelehnt.',
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
  VERBUND_IMPORT_DIR:
    'Massenimport über die API: Wurzel der Importordner, je Landkreis ein Unterordner <kennung> (Standard VERBUND_DATA_DIR/import). Die Kommandozeile importiert aus jedem Verzeichnis.',
  VERBUND_EINGANG_DIR:
    'Eingangsordner: Wurzel, je Landkreis ein Unterordner <kennung>, darin die eingerichteten Ordner (Standard VERBUND_DATA_DIR/eingang).',
  VERBUND_EINGANG_ABFRAGE_S:
    'Eingangsordner: Abstand der Abfrage in Sekunden (Standard 2); Änderungsereignisse des Dateisystems holen sie nur vor, auf Netzlaufwerken zählt allein die Abfrage.',
  VERBUND_MAIL_EINGANG_PORT:
    'E-Mail-Eingang: Port des eigenen SMTP-Empfängers im Worker (z. B. 2525; leer: aus). Annahme erst nach dem Schreiben mit fsync in den Spool unter VERBUND_DATA_DIR/mail-spool.',
  VERBUND_MAIL_EINGANG_HOST: 'E-Mail-Eingang: Adresse, an die der SMTP-Empfänger bindet (Standard 0.0.0.0).',
  VERBUND_MAIL_EINGANG_MAX_MB:
    'E-Mail-Eingang: größte Nachricht in MiB (Standard 25); größere werden mit 552 abgewiesen.',
  SMTP_URL:
    'SMTP-Server für E-Mail-Benachrichtigungen an Antragstellende, z. B. smtp://relay.example.de:25 (leer: keine E-Mails).',
  SMTP_FROM: 'Absender der Benachrichtigungen.',
  LOG_LEVEL: 'Protokollstufe (fatal … trace, silent).',
  VERBUND_TRUSTED_PROXIES:
    'Vertrauenswürdige Proxys für X-Forwarded-For: Adressen/CIDR mit Komma (z. B. 127.0.0.1,10.0.0.0/8) oder die Anzahl der Proxy-Hops (z. B. 1). Leer (Standard): X-Forwarded-For wird ignoriert, es zählt die Adresse der Verbindung.',
  VERBUND_RATE_PORTAL_SUBMIT:
    'Bürgerportal je Client-Adresse: Anträge beginnen und absenden, je höchstens Anzahl/Zeitraum (Standard 20/10m; Zeitraum in s, m oder h; off = aus).',
  VERBUND_RATE_PORTAL_UPLOAD:
    'Bürgerportal je Client-Adresse: Formularseiten speichern (jede kann Anlagen tragen) und Unterlagen nachreichen (Standard 120/10m).',
  VERBUND_RATE_TRACKING: 'Bürgerportal je Client-Adresse: Abrufe mit Vorgangscode (Standard 30/1m).',
  VERBUND_RATE_LOGIN:
    'Fehlgeschlagene Anmeldungen je Client-Adresse, zusätzlich zur Sperre je Konto (Standard 20/10m).',
  VERBUND_CLAMD_SOCKET:
    'Virenprüfung: Socket von clamd (Pfad, z. B. /run/clamav/clamd.ctl, oder host:port). Leer (Standard): keine Virenprüfung; Start und /health sagen es.',
  VERBUND_VIRENSCAN_PFLICHT:
    'Landkreise, die nur geprüfte Dateien annehmen (Kennungen mit Komma oder alle): ist clamd nicht erreichbar, warten Uploads (503) statt ungeprüft abgelegt zu werden.',
  VERBUND_CLAMD_TIMEOUT_S:
    'Höchste Dauer einer Virenprüfung in Sekunden (Standard 60); danach gilt clamd als nicht erreichbar.',
  VERBUND_CLAMD_MAX_MB:
    'Größte Datei, die clamd prüft, in MiB (Standard 100 wie StreamMaxLength von clamd; beide gleich einstellen): größere gelten als „zu groß für die Virenprüfung“ und werden nicht abgelegt.',
  VERBUND_OCR_THREADS:
    'OCR: höchstens so viele Tesseract-Prozesse gleichzeitig, je einer mit einem Thread (OMP_THREAD_LIMIT=1). 0 (Standard): Anzahl der Kerne.',
  VERBUND_OCR_MAX_MEGAPIXEL:
    'OCR: größtes Bild in Megapixeln (Standard 100); größere werden vor dem Decodieren nach den Angaben im Dateikopf abgelehnt.',
  VERBUND_OCR_MAX_PAGES:
    'OCR: höchste Seitenzahl eines Scans (Standard 500); längere werden mit Meldung nicht erkannt.',
  VERBUND_OCR_TIMEOUT_S:
    'OCR: höchste Laufzeit je Dokument in Sekunden (Standard 600); danach wird abgebrochen.',
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
    extraction: {
      heapMb: e.VERBUND_EXTRACTION_HEAP_MB,
      timeoutMs: Math.round(e.VERBUND_EXTRACTION_TIMEOUT_S * 1000),
    },
    requestBodies: { jsonLimitBytes: e.VERBUND_JSON_LIMIT_KB * 1024 },
    blobs: blobConfig(e, dataDir),
    fim: {
      xsdDir: path.resolve(
        e.VERBUND_XDF_XSD_DIR ??
          path.join(
            path.dirname(new URL(import.meta.url).pathname),
            '../../../shared/standards/xdatenfelder',
          ),
      ),
    },
    intake: {
      importRoot: path.resolve(e.VERBUND_IMPORT_DIR ?? path.join(dataDir, 'import')),
      eingangRoot: path.resolve(e.VERBUND_EINGANG_DIR ?? path.join(dataDir, 'eingang')),
      eingangPollMs: Math.round(e.VERBUND_EINGANG_ABFRAGE_S * 1000),
      mailSpoolDir: path.join(dataDir, 'mail-spool'),
      smtp:
        e.VERBUND_MAIL_EINGANG_PORT === undefined
          ? null
          : {
              host: e.VERBUND_MAIL_EINGANG_HOST,
              port: e.VERBUND_MAIL_EINGANG_PORT,
              maxBytes: Math.round(e.VERBUND_MAIL_EINGANG_MAX_MB * 1024 * 1024),
            },
    },
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : null,
    logLevel: e.LOG_LEVEL,
    trustedProxies: parseTrustedProxies(e.VERBUND_TRUSTED_PROXIES)!,
    rateLimits: {
      portalSubmit: parseRate(e.VERBUND_RATE_PORTAL_SUBMIT),
      portalUpload: parseRate(e.VERBUND_RATE_PORTAL_UPLOAD),
      tracking: parseRate(e.VERBUND_RATE_TRACKING),
      login: parseRate(e.VERBUND_RATE_LOGIN),
    },
    virenscan: {
      address: e.VERBUND_CLAMD_SOCKET.trim() || null,
      required: parseRequired(e.VERBUND_VIRENSCAN_PFLICHT),
      timeoutMs: Math.round(e.VERBUND_CLAMD_TIMEOUT_S * 1000),
      maxBytes: Math.round(e.VERBUND_CLAMD_MAX_MB * 1024 * 1024),
    },
    ocr: {
      threads: e.VERBUND_OCR_THREADS || availableParallelism(),
      maxPixels: Math.round(e.VERBUND_OCR_MAX_MEGAPIXEL * 1_000_000),
      maxPages: e.VERBUND_OCR_MAX_PAGES,
      timeoutMs: Math.round(e.VERBUND_OCR_TIMEOUT_S * 1000),
    },
  };
}

/** A rate limit: at most `limit` requests per window of `windowSeconds`; null = no limit. */
export type RateRule = { limit: number; windowSeconds: number } | null;
export type TrustedProxies =
  | { kind: 'none' }
  | { kind: 'hops'; hops: number }
  | { kind: 'list'; entries: string[] };

function rateSetting(fallback: string) {
  return z
    .string()
    .default(fallback)
    .refine(
      (value) => value === 'off' || parseRate(value) !== null,
      'Anzahl/Zeitraum, z. B. 30/1m, oder off',
    );
}

/** `20/10m` → 20 per 600 s; `off` → null. */
export function parseRate(value: string): RateRule {
  const match = /^(\d+)\/(\d+)(s|m|h)$/.exec(value.trim());
  if (!match) return null;
  const windowSeconds = Number(match[2]) * { s: 1, m: 60, h: 3600 }[match[3] as 's' | 'm' | 'h'];
  const limit = Number(match[1]);
  return limit >= 1 && windowSeconds >= 1 && windowSeconds <= 86_400 ? { limit, windowSeconds } : null;
}

/** `''` → none, `2` → two hops, `127.0.0.1,10.0.0.0/8,::1` → those peers; null when invalid. */
export function parseTrustedProxies(value: string): TrustedProxies | null {
  const text = value.trim();
  if (!text) return { kind: 'none' };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 1 && hops <= 10 ? { kind: 'hops', hops } : null;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  const valid = entries.every((entry) => {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    if (!family || rest.length > 0) return false;
    if (bits === undefined) return true;
    const n = Number(bits);
    return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
  });
  return valid ? { kind: 'list', entries } : null;
}

/** `alle` → every county; `a,b` → those counties; empty → none. */
function parseRequired(value: string): string[] | 'alle' {
  const text = value.trim();
  if (text === 'alle') return 'alle';
  return text ? text.split(',').map((id) => id.trim()) : [];
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
