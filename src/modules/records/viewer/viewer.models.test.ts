import { describe, expect, it } from 'vitest';
import type { Principal, Role } from '../../../platform/http/principal.ts';
import { canWrite, clearanceOf, requireWriter } from './viewer.models.ts';

const as = (...roles: Role[]): Principal => ({
  tenantId: 'nordhausen',
  userId: null,
  login: 'x',
  displayName: 'X',
  roles,
  via: 'session',
});

describe('clearance and write rule', () => {
  it('gives Leitung and administration everything, case workers offen and intern, readers offen', () => {
    expect(clearanceOf(as('leitung'))).toEqual(['offen', 'intern', 'vertraulich']);
    expect(clearanceOf(as('verbund-admin'))).toEqual(['offen', 'intern', 'vertraulich']);
    expect(clearanceOf(as('sachbearbeitung'))).toEqual(['offen', 'intern']);
    expect(clearanceOf(as('lesen'))).toEqual(['offen']);
  });

  it('lets case workers, Leitung and county administration write, not readers or the Verbund administration', () => {
    expect(canWrite(as('sachbearbeitung'))).toBe(true);
    expect(canWrite(as('kreis-admin'))).toBe(true);
    expect(canWrite(as('verbund-admin'))).toBe(false);
    expect(() => requireWriter(as('lesen'))).toThrow(
      expect.objectContaining({ status: 403, messageDe: 'Mit Lesezugriff können Sie nichts ändern.' }),
    );
  });
});
