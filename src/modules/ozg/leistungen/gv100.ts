/**
 * Reads the official Destatis Gemeindeverzeichnis in the GV100AD format (fixed-width records,
 * one per line, per the Destatis "Datensatzbeschreibung GV100AD"). Only Satzart 60 (Gemeinde) is
 * used: AGS = Land (pos. 11–12) + Regierungsbezirk (13) + Kreis (14–15) + Gemeinde (20–22),
 * name (23–72), Postleitzahl (166–170), Gebietsstand (3–10, JJJJMMTT).
 * Files come as UTF-8 or, in older editions, ISO-8859-1; both are accepted (decodeText, shared/text.ts).
 */
export type Gv100Gemeinde = { ags: string; name: string; plz: string[]; gebietsstand: string };

export class Gv100Error extends Error {}

export function parseGv100(text: string): { gemeinden: Gv100Gemeinde[]; skipped: number } {
  const gemeinden: Gv100Gemeinde[] = [];
  let skipped = 0;
  let records = 0;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/\s+$/, '');
    if (!line) continue;
    if (!/^\d{2}\d{8}/.test(line))
      throw new Gv100Error(`Zeile ${index + 1}: kein GV100AD-Datensatz (Satzart und Gebietsstand fehlen).`);
    records++;
    if (line.slice(0, 2) !== '60') {
      skipped++;
      continue;
    }
    const ags = line.slice(10, 15) + line.slice(19, 22);
    const name = line.slice(22, 72).trim();
    if (!/^\d{8}$/.test(ags) || !name)
      throw new Gv100Error(`Zeile ${index + 1}: Gemeindeschlüssel oder Name fehlt.`);
    const plz = line.slice(165, 170).trim();
    gemeinden.push({ ags, name, plz: /^\d{5}$/.test(plz) ? [plz] : [], gebietsstand: line.slice(2, 10) });
  }
  if (records === 0) throw new Gv100Error('Die Datei enthält keine Datensätze.');
  return { gemeinden, skipped };
}

/** One GV100AD record (for tests and tools): the fields at their official positions. */
export function gv100Record(g: {
  satzart?: string;
  gebietsstand?: string;
  ags: string;
  name: string;
  plz?: string;
}) {
  const line = Array(220).fill(' ');
  const put = (start: number, value: string) => {
    for (let i = 0; i < value.length; i++) line[start - 1 + i] = value[i]!;
  };
  put(1, g.satzart ?? '60');
  put(3, g.gebietsstand ?? '20241231');
  put(11, g.ags.slice(0, 5));
  put(16, '0000');
  put(20, g.ags.slice(5, 8));
  put(23, g.name.slice(0, 50));
  if (g.plz) put(166, g.plz);
  return line.join('').trimEnd();
}
