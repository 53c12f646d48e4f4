import { describe, expect, it } from 'vitest';
import { sharedBuffersMb } from './embedded-postgres.ts';

const GiB = 1024 ** 3;

describe('sharedBuffersMb: the cache of the embedded PostgreSQL', () => {
  it('takes a quarter of the machine memory, at least 128 MB and at most 8 GB', () => {
    expect(sharedBuffersMb(0.25 * GiB)).toBe(128);
    expect(sharedBuffersMb(4 * GiB)).toBe(1024);
    expect(sharedBuffersMb(8 * GiB)).toBe(2048);
    expect(sharedBuffersMb(24 * GiB)).toBe(6144);
    expect(sharedBuffersMb(256 * GiB)).toBe(8192);
  });
});
