import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../../shared/errors.ts';
import { isConnectionError } from '../database/database.ts';
import type { AppEnv } from './context.ts';

/** Seconds a client should wait before retrying while the database is away (it restarts in a few). */
export const DB_RETRY_AFTER_SECONDS = 5;

/** The database cannot be reached (down, restarting, connection lost): the request may be retried. */
export const databaseUnavailable = () =>
  new AppError({
    code: 'db.unavailable',
    status: 503,
    message: 'database unavailable',
    messageDe: 'Datenbank nicht erreichbar. Bitte versuchen Sie es in einigen Sekunden erneut.',
  });

/** RFC 9457 problem details with our stable `code` and a German `detailDe` for people. */
export function problemResponse(c: Context<AppEnv>, error: AppError) {
  const body = {
    type: `https://verbund.example/probleme/${error.code}`,
    title: error.message,
    status: error.status,
    code: error.code,
    detail: error.message,
    detailDe: error.messageDe,
    instance: c.req.path,
    ...(error.details === undefined ? {} : { errors: error.details }),
  };
  return c.body(JSON.stringify(body), error.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
    ...(error.code === 'db.unavailable' ? { 'retry-after': String(DB_RETRY_AFTER_SECONDS) } : {}),
  });
}

/** Maps anything thrown to an AppError; unknown errors become a 500 without leaking internals. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) {
      return new AppError({
        code: 'request.too_large',
        status: 413,
        message: 'request body too large',
        messageDe: 'Die Anfrage ist größer als erlaubt (Obergrenze für Uploads beachten).',
      });
    }
    return new AppError({
      code: 'request.invalid',
      status: error.status,
      message: error.message || 'invalid request',
      messageDe: 'Die Anfrage ist ungültig.',
    });
  }
  if (isConnectionError(error)) return databaseUnavailable();
  const pgCode = (error as { code?: string } | null)?.code;
  if (pgCode === '23505') {
    return new AppError({
      code: 'db.conflict',
      status: 409,
      message: 'object already exists',
      messageDe: 'Das Objekt existiert bereits.',
    });
  }
  if (pgCode === 'P0001' && (error as { hint?: string }).hint === 'akte.closed') {
    return new AppError({
      code: 'akte.closed',
      status: 409,
      message: 'the Akte is closed (z.d.A.) and cannot be changed',
      messageDe: 'Die Akte ist zu den Akten verfügt (z.d.A.) und kann nicht geändert werden.',
    });
  }
  if (pgCode === '22P02' || pgCode === '22021' || pgCode === '22001') {
    return new AppError({
      code: 'request.invalid_value',
      status: 400,
      message: 'invalid value',
      messageDe: 'Ein Wert ist ungültig (Format, Zeichenkodierung oder Länge).',
    });
  }
  if (error instanceof SyntaxError) {
    return new AppError({
      code: 'request.malformed_json',
      status: 400,
      message: 'malformed JSON body',
      messageDe: 'Der Inhalt ist kein gültiges JSON.',
    });
  }
  return new AppError({
    code: 'internal',
    status: 500,
    message: 'internal error',
    messageDe: 'Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.',
  });
}

export const unauthorized = () =>
  new AppError({
    code: 'auth.required',
    status: 401,
    message: 'authentication required',
    messageDe: 'Bitte melden Sie sich an.',
  });
