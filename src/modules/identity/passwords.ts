import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with OWASP's minimum recommendation: m=19 MiB, t=2, p=1.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, options);

// A fixed hash to compare against when the user does not exist, so timing does not reveal logins.
const DUMMY =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3GJxZ8b0m3qJ4l5m8kHqkX8gZ0k3cM3b5x2h7v9wQ1E';

export async function verifyPassword(passwordHash: string | null, password: string) {
  try {
    return await verify(passwordHash ?? DUMMY, password);
  } catch {
    return false;
  }
}

export function checkPasswordPolicy(password: string): string | null {
  if (password.length < 10) return 'Das Passwort muss mindestens 10 Zeichen lang sein.';
  if (password.length > 200) return 'Das Passwort darf höchstens 200 Zeichen lang sein.';
  return null;
}
