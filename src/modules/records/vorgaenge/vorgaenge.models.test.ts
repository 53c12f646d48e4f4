import { describe, expect, it } from 'vitest';
import {
  changedFields,
  normalizeExterneReferenz,
  OPEN_VORGANG_STATUS,
  VORGANG_STATUS,
} from './vorgaenge.models.ts';

describe('Vorgang rules', () => {
  it('stores an external reference trimmed, and an empty one as none', () => {
    expect(normalizeExterneReferenz('  KT/103/2020 ')).toBe('KT/103/2020');
    expect(normalizeExterneReferenz('   ')).toBeNull();
    expect(normalizeExterneReferenz(undefined)).toBeNull();
  });

  it('audits only the fields a change set (null clears a field and counts)', () => {
    expect(changedFields({ betreff: 'Neu', frist: null, status: undefined })).toEqual({
      betreff: 'Neu',
      frist: null,
    });
  });

  it('counts the first four states as open (the Postkorb shows these)', () => {
    expect(OPEN_VORGANG_STATUS).toEqual(VORGANG_STATUS.slice(0, 4));
  });
});
