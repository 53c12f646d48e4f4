import { badRequest } from '../../shared/errors.ts';

export const unknownOrgUnit = (ref: string) =>
  badRequest(
    'org_unit.unknown',
    `unknown org unit ${ref}`,
    `Die Organisationseinheit „${ref}“ gibt es nicht.`,
  );

export const unknownUser = (ref: string) =>
  badRequest('user.unknown', `unknown user ${ref}`, `Die Person „${ref}“ gibt es nicht.`);
