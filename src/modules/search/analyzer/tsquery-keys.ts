/**
 * The membership test of a tsquery on a document's key hashes (dokumente.search_keys, migration
 * 0019): which keys a document must have, without word positions. Search uses it where it checks
 * many documents one by one – a word in most of a million documents – because reading each
 * document's full vector (stored out of line, compressed) costs ten times as much.
 *
 * The test is exact for words and their alternatives, AND, OR and NOT. A phrase becomes the AND of
 * its words (positions are checked on the full vector afterwards: `positional`); a prefix needs the
 * keys that start with it (`prefixes`, looked up in the county's vocabulary by the caller).
 */

export type KeyTest =
  | { kind: 'any'; lexemes: string[] }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'and' | 'or'; items: KeyTest[] }
  | { kind: 'not'; item: KeyTest };

type Token =
  | { t: 'lexeme'; value: string; prefix: boolean }
  | { t: '&' | '|' | '!' | '(' | ')' }
  | { t: 'follows' };

function tokens(query: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (ch === ' ') i++;
    else if (ch === '&' || ch === '|' || ch === '!' || ch === '(' || ch === ')') {
      out.push({ t: ch });
      i++;
    } else if (ch === '<') {
      const end = query.indexOf('>', i);
      if (end < 0) throw new Error(`tsquery: unclosed <…> at ${i}`);
      out.push({ t: 'follows' });
      i = end + 1;
    } else if (ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= query.length) throw new Error('tsquery: unclosed quote');
        const c = query[i]!;
        if (c === '\\') {
          value += query[i + 1] ?? '';
          i += 2;
        } else if (c === "'" && query[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (c === "'") {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      const prefix = query.startsWith(':*', i);
      if (prefix) i += 2;
      out.push({ t: 'lexeme', value, prefix });
    } else throw new Error(`tsquery: unexpected ${ch} at ${i}`);
  }
  return out;
}

/** Parses a tsquery literal as tsquery.ts writes it (precedence: ! before <n> before & before |). */
export function keyTestOf(query: string): { test: KeyTest; positional: boolean; prefixes: string[] } {
  const list = tokens(query);
  let at = 0;
  let positional = false;
  const prefixes = new Set<string>();
  const peek = () => list[at];
  const combine = (kind: 'and' | 'or', items: KeyTest[]): KeyTest => {
    if (items.length === 1) return items[0]!;
    const flat = items.flatMap((x) => (x.kind === kind ? x.items : [x]));
    if (kind === 'or' && flat.every((x) => x.kind === 'any'))
      return { kind: 'any', lexemes: [...new Set(flat.flatMap((x) => (x.kind === 'any' ? x.lexemes : [])))] };
    return { kind, items: flat };
  };
  const primary = (): KeyTest => {
    const token = list[at++];
    if (!token) throw new Error('tsquery: unexpected end');
    if (token.t === '!') return { kind: 'not', item: primary() };
    if (token.t === '(') {
      const inner = or();
      if (list[at++]?.t !== ')') throw new Error('tsquery: missing )');
      return inner;
    }
    if (token.t === 'lexeme') {
      if (!token.prefix) return { kind: 'any', lexemes: [token.value] };
      prefixes.add(token.value);
      return { kind: 'prefix', prefix: token.value };
    }
    throw new Error(`tsquery: unexpected ${token.t}`);
  };
  const follows = (): KeyTest => {
    const items = [primary()];
    while (peek()?.t === 'follows') {
      at++;
      positional = true;
      items.push(primary());
    }
    return combine('and', items);
  };
  const and = (): KeyTest => {
    const items = [follows()];
    while (peek()?.t === '&') {
      at++;
      items.push(follows());
    }
    return combine('and', items);
  };
  const or = (): KeyTest => {
    const items = [and()];
    while (peek()?.t === '|') {
      at++;
      items.push(and());
    }
    return combine('or', items);
  };
  const test = or();
  if (at !== list.length) throw new Error(`tsquery: unexpected ${list[at]!.t}`);
  return { test, positional, prefixes: [...prefixes] };
}
