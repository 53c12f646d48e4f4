import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger({ level }: { level: string }): Logger {
  return pino({ level, base: { app: 'verbund' } });
}
