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

class VectorBuilder {
  private readonly lexemes = new Map<string, string[]>();
  position = 0;

  addText(text: string, weight: Weight) {
    for (const { word, joined } of tokenizeWithCompounds(text)) {
      this.position = Math.min(this.position + 1, MAX_POSITION);
      const analysis = analyzeWord(word);
      for (const key of analysis.keys) this.add(key, weight);
      for (const part of analysis.parts) this.add(part, weight);
      // "Kfz-Zulassung" is also found as "Kfzzulassung".
      if (joined) for (const key of analyzeWord(joined).keys) this.add(key, weight);
    }
  }

  private add(lexeme: string, weight: Weight) {
    if (lexeme.length === 0 || lexeme.length > 200) return;
    const positions = this.lexemes.get(lexeme) ?? [];
    if (positions.length === 0) this.lexemes.set(lexeme, positions);
    const entry = `${this.position}${weight === 'D' ? '' : weight}`;
    if (positions.length < MAX_POSITIONS_PER_LEXEME && positions.at(-1) !== entry) positions.push(entry);
  }

  literal(): string {
    const out: string[] = [];
    for (const [lexeme, positions] of this.lexemes) out.push(`${quoteLexeme(lexeme)}:${positions.join(',')}`);
    return out.join(' ');
  }
}

/** A lexeme in tsvector/tsquery syntax: quoted, ' doubled and \ escaped. */
export const quoteLexeme = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

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
