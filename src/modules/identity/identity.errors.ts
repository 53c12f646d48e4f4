import { AppError, badRequest, conflict, notFound } from '../../shared/errors.ts';

// The identity module's errors: one factory per error, one German text per code.

export const invalidLogin = () =>
  new AppError({
    code: 'auth.invalid_credentials',
    status: 401,
    message: 'invalid county, login or password',
    messageDe: 'Landkreis, Benutzername oder Passwort sind nicht korrekt.',
  });

export const loginThrottled = (until: Date) =>
  new AppError({
    code: 'auth.throttled',
    status: 429,
    message: `too many failed logins; locked until ${until.toISOString()}`,
    messageDe: `Zu viele Fehlversuche. Die Anmeldung ist bis ${until.toLocaleTimeString('de-DE', { timeZone: 'Europe/Berlin' })} Uhr gesperrt.`,
    details: { lockedUntil: until.toISOString() },
  });

export const invalidUserLogin = () =>
  badRequest(
    'user.invalid_login',
    'login must be 1–63 of a-z 0-9 . _ -',
    'Der Benutzername darf nur a–z, 0–9, Punkt, Unterstrich und Bindestrich enthalten (höchstens 63 Zeichen).',
  );

export const userWithoutRole = () =>
  badRequest('user.no_role', 'at least one role required', 'Mindestens eine Rolle ist nötig.');

export const tokenWithoutRole = () =>
  badRequest('token.no_role', 'at least one role required', 'Mindestens eine Rolle ist nötig.');

/** `problem` is the password policy's German sentence (passwords.ts). */
export const weakPassword = (problem: string) =>
  badRequest('user.weak_password', 'password too short or too long', problem);

export const userExists = (login: string) =>
  conflict('user.exists', `user ${login} exists`, `Der Benutzer „${login}“ existiert bereits.`);

export const userNotFound = (login?: string) =>
  notFound('user', login === undefined ? 'Der Benutzer' : `Der Benutzer „${login}“`);

export const orgUnitNotFound = (kuerzel: string) =>
  notFound('org_unit', `Die Organisationseinheit „${kuerzel}“`);

export const apiTokenNotFound = () => notFound('api_token', 'Das Token');
