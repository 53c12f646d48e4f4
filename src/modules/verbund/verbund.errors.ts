import type { z } from 'zod';
import { AppError, conflict, notFound } from '../../shared/errors.ts';

// The Verbund module's errors: one factory per error, one German text per code.

export const invalidMember = (issues: z.ZodError['issues']) => {
  const text = issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  return new AppError({
    code: 'tenant.invalid',
    status: 400,
    message: text,
    messageDe: `Ungültige Angaben: ${text}`,
    details: issues,
  });
};

export const memberExists = (clash: { id: string; kreisschluessel: string }) =>
  conflict(
    'tenant.exists',
    `tenant ${clash.id} (${clash.kreisschluessel}) exists`,
    `Es gibt bereits ein Mitglied mit dieser Kennung oder diesem Kreisschlüssel (${clash.id}, ${clash.kreisschluessel}).`,
  );

export const memberNotFound = () => notFound('tenant', 'Das Mitglied');
