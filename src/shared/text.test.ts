import { describe, expect, it } from 'vitest';
import { decodeText } from './text.ts';

describe('decodeText reads text files of any age', () => {
  it('reads UTF-8 and drops a leading byte order mark', () => {
    expect(decodeText(Buffer.from('Straße;Größe', 'utf8'))).toBe('Straße;Größe');
    expect(decodeText(Buffer.from('\ufeffKennzeichen;Titel', 'utf8'))).toBe('Kennzeichen;Titel');
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8 (older German CSV exports)', () => {
    expect(decodeText(Buffer.from([0x53, 0x74, 0x72, 0x61, 0xdf, 0x65]))).toBe('Straße');
    // A byte order mark before bytes that are not UTF-8 is dropped as well.
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0xe4, 0x3b]))).toBe('ä;');
  });
});
