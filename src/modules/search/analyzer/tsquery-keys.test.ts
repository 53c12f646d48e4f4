import { describe, expect, it } from 'vitest';
import { termTsquery } from './tsquery.ts';
import { keyTestOf } from './tsquery-keys.ts';

describe('the key test of a tsquery (search_keys)', () => {
  it('turns a word with its alternatives into one overlap test', () => {
    expect(keyTestOf("( 'bescheid' | '_bescheid' )")).toEqual({
      test: { kind: 'any', lexemes: ['bescheid', '_bescheid'] },
      positional: false,
      prefixes: [],
    });
  });

  it('keeps AND, OR and NOT with tsquery precedence (! before & before |)', () => {
    expect(keyTestOf("'a' & !'b' | 'c'").test).toEqual({
      kind: 'or',
      items: [
        {
          kind: 'and',
          items: [
            { kind: 'any', lexemes: ['a'] },
            { kind: 'not', item: { kind: 'any', lexemes: ['b'] } },
          ],
        },
        { kind: 'any', lexemes: ['c'] },
      ],
    });
  });

  it('reads a phrase as the AND of its words and says that positions remain to be checked', () => {
    const parsed = keyTestOf("( 'antrag' <2> ( 'wohngeld' | '_wohngeld' ) )");
    expect(parsed.positional).toBe(true);
    expect(parsed.test).toEqual({
      kind: 'and',
      items: [
        { kind: 'any', lexemes: ['antrag'] },
        { kind: 'any', lexemes: ['wohngeld', '_wohngeld'] },
      ],
    });
  });

  it('lists the prefixes, which the caller expands from the vocabulary', () => {
    const parsed = keyTestOf("( 'widerspr':* | 'widersprüch':* )");
    expect(parsed.prefixes).toEqual(['widerspr', 'widersprüch']);
    expect(parsed.test).toEqual({
      kind: 'or',
      items: [
        { kind: 'prefix', prefix: 'widerspr' },
        { kind: 'prefix', prefix: 'widersprüch' },
      ],
    });
  });

  it('unquotes doubled quotes and backslashes like PostgreSQL', () => {
    expect(keyTestOf("'o''neill' & 'a\\\\b'").test).toEqual({
      kind: 'and',
      items: [
        { kind: 'any', lexemes: ["o'neill"] },
        { kind: 'any', lexemes: ['a\\b'] },
      ],
    });
  });

  it('parses what the analyzer writes for every kind of term', () => {
    for (const term of [
      { kind: 'word', value: 'Anträge' },
      { kind: 'word', value: 'Gebührenbescheid' },
      { kind: 'phrase', value: 'Antrag auf Wohngeld' },
      { kind: 'prefix', value: 'Zweck' },
      { kind: 'prefix', value: 'Antrag auf Wohn' },
      { kind: 'word', value: 'Kfz-Zulassung' },
    ] as const) {
      const literal = termTsquery({ ...term, negated: true });
      expect(literal, term.value).not.toBeNull();
      expect(keyTestOf(literal!).test.kind, term.value).toBe('not');
    }
  });

  it('refuses what it cannot read instead of guessing', () => {
    expect(() => keyTestOf("'a' &")).toThrow(/unexpected end/);
    expect(() => keyTestOf("( 'a'")).toThrow(/missing \)/);
    expect(() => keyTestOf("'a")).toThrow(/unclosed quote/);
  });
});
