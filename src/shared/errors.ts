/**
 * One error type for everything the user may see. `code` is stable and namespaced
 * (`akte.not_found`); `message` is English for logs and API clients, `messageDe` German for people.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly messageDe: string;
  readonly details?: unknown;

  constructor(args: { code: string; status: number; message: string; messageDe: string; details?: unknown }) {
    super(args.message);
    this.code = args.code;
    this.status = args.status;
    this.messageDe = args.messageDe;
    this.details = args.details;
  }
}

export const notFound = (what: string, de: string) =>
  new AppError({
    code: `${what}.not_found`,
    status: 404,
    message: `${what} not found`,
    messageDe: `${de} wurde nicht gefunden.`,
  });

export const forbidden = (message = 'missing role', messageDe = 'Dazu fehlt Ihnen die Berechtigung.') =>
  new AppError({ code: 'auth.forbidden', status: 403, message, messageDe });

export const badRequest = (code: string, message: string, messageDe: string, details?: unknown) =>
  new AppError({ code, status: 400, message, messageDe, details });

export const conflict = (code: string, message: string, messageDe: string) =>
  new AppError({ code, status: 409, message, messageDe });

export const unprocessable = (code: string, message: string, messageDe: string) =>
  new AppError({ code, status: 422, message, messageDe });

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
