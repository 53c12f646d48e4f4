import { analyzeWord, tokenizeWithCompounds } from './german-analyzer.ts';

/**
 * The tsvector literals of a document, built by the analyzer in the application; PostgreSQL only
 * parses them (`::tsvector`), so every server indexes the same, with nothing installed on it.
 * Title weight A, metadata B, content D; positions run on across the three like `||` does;
 * compound parts share the position of their word (phrases stay intact).
 */

/** PostgreSQL's limits: positions above 16383 are stored as 16383, at most 256 per lexeme. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;
/** Content beyond this many characters is not indexed (as before the analyzer). */
export const CONTENT_LIMIT = 400_000;

type Weight = 'A' | 'B' | 'D';

const WEIGHT_CODE = { A: 3, B: 2, D: 0 } as const;
const WEIGHT_LETTER = ['', '', 'B', 'A'];

class VectorBuilder {
  /** Per lexeme its positions, each as position * 4 + weight code (one number, no strings). */
  private readonly lexemes = new Map<string, number[]>();
  private position = 0;

  addText(text: string, weight: Weight) {
    const code = WEIGHT_CODE[weight];
    for (const { word, joined } of tokenizeWithCompounds(text)) {
      if (this.position < MAX_POSITION) this.position++;
      const entry = this.position * 4 + code;
      const analysis = analyzeWord(word);
      for (const key of analysis.keys) this.add(key, entry);
      for (const part of analysis.parts) this.add(part, entry);
      // "Kfz-Zulassung" is also found as "Kfzzulassung".
      if (joined) for (const key of analyzeWord(joined).keys) this.add(key, entry);
    }
  }

  private add(lexeme: string, entry: number) {
    const positions = this.lexemes.get(lexeme);
    if (!positions) {
      if (lexeme.length > 0 && lexeme.length <= 200) this.lexemes.set(lexeme, [entry]);
      return;
    }
    if (positions.length < MAX_POSITIONS_PER_LEXEME && positions[positions.length - 1] !== entry)
      positions.push(entry);
  }

  literal(): string {
    const out: string[] = [];
    for (const [lexeme, positions] of this.lexemes) {
      const list = positions.map((e) => `${e >> 2}${WEIGHT_LETTER[e & 3]}`).join(',');
      out.push(`${quoteLexeme(lexeme)}:${list}`);
    }
    return out.join(' ');
  }
}

/** A lexeme in tsvector/tsquery syntax: quoted, ' doubled and \ escaped. */
export const quoteLexeme = (lexeme: string) =>
  /['\\]/.test(lexeme) ? `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${lexeme}'`;

/** The whole-document vector (`search`) and the title/metadata vector (`search_head`). */
export function searchVectors({
  titel,
  meta,
  content,
}: {
  titel: string;
  meta: string;
  content: string | null;
}) {
  const builder = new VectorBuilder();
  builder.addText(titel, 'A');
  builder.addText(meta, 'B');
  const head = builder.literal();
  if (!content) return { search: head, head };
  builder.addText(content.slice(0, CONTENT_LIMIT), 'D');
  return { search: builder.literal(), head };
}
